package org.asyncio4j.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Exchanges with the JDK's HttpClient (on its own threads, awaited through its CompletableFutures). */
class ClientScenarios {
    final List<String> log;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ClientScenarios(List<String> log) {
        this.log = log;
    }

    HttpServer.Builder routes() {
        Handlers h = new AsyncHandlers(log);
        return HttpServer.builder()
                .get("/items/{id}", r -> Response.json("{\"id\":\"" + r.pathParam("id") + "\",\"q\":" + r.queryParams() + "}").done())
                .post("/echo", r -> Response.text(r.method() + " " + r.bodyText() + " (" + r.header("transfer-encoding") + ")").done())
                .get("/port", r -> Response.text(String.valueOf(((InetSocketAddress) r.remoteAddress()).getPort())).done())
                .get("/fail", r -> {
                    throw new IllegalStateException("boom");
                })
                .get("/ticks", r -> Response.stream(200, "text/plain", new Ticks(3, Duration.ofMillis(1), log)).done())
                .get("/slow", r -> h.slow(r, Duration.ofMillis(1)));
    }

    String line(HttpResponse<String> r) {
        return r.statusCode() + " " + r.headers().firstValue("content-type").orElse("-") + " " + r.body();
    }

    HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    @Async
    Task<Void> basics() {
        HttpServer s = Await.on(routes().build().start(0));
        String base = "http://127.0.0.1:" + s.port();
        log.add(line(Await.on(client.sendAsync(get(base + "/items/a%20b?q=x%26y&q=2&empty="), HttpResponse.BodyHandlers.ofString()))));
        log.add(line(Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("fixed body")).build(), HttpResponse.BodyHandlers.ofString()))));
        // A publisher of unknown length: the JDK client sends it chunked.
        log.add(line(Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("chunked body")))
                .build(), HttpResponse.BodyHandlers.ofString()))));
        // GET /items/7 would answer {"id":"7","q":{}}: 17 bytes, announced and not sent.
        HttpResponse<String> head = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/items/7"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        log.add("HEAD " + head.statusCode() + " length=" + head.headers().firstValue("content-length").orElse("-")
                + " body=[" + head.body() + "]");
        log.add(line(Await.on(client.sendAsync(get(base + "/nothing"), HttpResponse.BodyHandlers.ofString()))).trim());
        HttpResponse<String> put = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/items/7"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()));
        log.add(put.statusCode() + " Allow: " + put.headers().firstValue("allow").orElse("-"));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    @Async
    Task<Void> keepAliveAndStreaming() {
        HttpServer s = Await.on(routes().build().start(0));
        String base = "http://127.0.0.1:" + s.port();
        String p1 = Await.on(client.sendAsync(get(base + "/port"), HttpResponse.BodyHandlers.ofString())).body();
        String p2 = Await.on(client.sendAsync(get(base + "/port"), HttpResponse.BodyHandlers.ofString())).body();
        log.add("same connection: " + p1.equals(p2));
        HttpResponse<String> t = Await.on(client.sendAsync(get(base + "/ticks"), HttpResponse.BodyHandlers.ofString()));
        log.add(t.statusCode() + " " + t.headers().firstValue("transfer-encoding").orElse("-") + " " + t.body().replace("\n", "|"));
        String p3 = Await.on(client.sendAsync(get(base + "/port"), HttpResponse.BodyHandlers.ofString())).body();
        log.add("same connection after a stream: " + p1.equals(p3));
        log.add("open connections: " + s.connectionCount());
        Await.on(s.stop(Duration.ofSeconds(1)));
        log.add("after stop: " + s.connectionCount());
        return Task.completed();
    }

    /** start(port) listens on the loopback interface only; start(host, port) where told. */
    @Async
    Task<Void> defaultAddress() {
        HttpServer s = Await.on(routes().build().start(0));
        log.add("default: " + s.address().getAddress().getHostAddress() + " loopback: " + s.address().getAddress().isLoopbackAddress());
        Await.on(s.stop(Duration.ofSeconds(1)));
        HttpServer any = Await.on(routes().build().start("0.0.0.0", 0));
        log.add("told: " + any.address().getAddress().getHostAddress());
        Await.on(any.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    @Async
    Task<Void> failingHandler() {
        HttpServer s = Await.on(routes().build().start(0));
        String base = "http://127.0.0.1:" + s.port();
        log.add(line(Await.on(client.sendAsync(get(base + "/fail"), HttpResponse.BodyHandlers.ofString()))).trim());
        log.add(line(Await.on(client.sendAsync(get(base + "/slow"), HttpResponse.BodyHandlers.ofString()))).trim());
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }
}

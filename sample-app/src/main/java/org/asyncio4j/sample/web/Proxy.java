package org.asyncio4j.sample.web;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.http.HttpServer;
import org.asyncio4j.http.Request;
import org.asyncio4j.http.Response;

/**
 * The FastAPI + httpx tutorial: a route that fetches an upstream URL with an async HTTP client (the
 * JDK's {@link HttpClient}) under a timeout, and relays status, headers and body. When the upstream
 * is too slow the proxy answers 504 and cancels the upstream request: the upstream server sees the
 * connection close and cancels its own handler. The processor generates {@code AsyncProxy}.
 */
public class Proxy {
    static final Duration UPSTREAM_TIMEOUT = Duration.ofMillis(300);
    /** Hop-by-hop headers (RFC 9110 7.6.1) and framing: never relayed. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "proxy-authorization", "proxy-authenticate", "content-length");

    final PrintStream out;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final Promise<String> upstreamCancelled = new Promise<>();

    Proxy(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo (an upstream server, the proxy, three calls), printing to {@code out}. */
    public static void run(PrintStream out, String... args) {
        Asyncio.run(() -> new AsyncProxy(out).demo());
    }

    // ---------------------------------------------------------------- the upstream service

    @Async
    Task<Response> slowUpstream(Request r) {
        try {
            Await.on(Asyncio.sleep(Duration.ofSeconds(30)));
        } catch (CancelledError e) {
            upstreamCancelled.complete("upstream handler for " + r + " cancelled: the proxy closed the connection");
            throw e;
        }
        return Task.completed(Response.text("too late"));
    }

    // ---------------------------------------------------------------- the proxy route

    /** GET /proxy?url=...: relays the upstream's answer, 504 past the timeout, 502 when it cannot be reached. */
    @Async
    Task<Response> proxy(Request r) {
        String url = r.queryParam("url");
        if (url == null) {
            return Task.completed(Response.text(400, "missing ?url=\n"));
        }
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> upstream;
        try (Timeout t = Asyncio.timeout(UPSTREAM_TIMEOUT)) {
            upstream = Await.on(call);
        } catch (AsyncTimeoutException e) {
            call.cancel(true); // aborts the exchange: the upstream sees its client leave
            return Task.completed(Response.text(504, "upstream did not answer within " + UPSTREAM_TIMEOUT.toMillis() + " ms\n"));
        } catch (Exception e) {
            return Task.completed(Response.text(502, "upstream unreachable: " + e.getClass().getSimpleName() + "\n"));
        }
        return Task.completed(relay(upstream));
    }

    static Response relay(HttpResponse<byte[]> upstream) {
        Response r = Response.of(upstream.statusCode(), upstream.headers().firstValue("content-type")
                .orElse("application/octet-stream"), upstream.body());
        upstream.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equalsIgnoreCase("content-type")) {
                values.forEach(v -> r.header(name, v));
            }
        });
        return r;
    }

    // ---------------------------------------------------------------- the demo

    @Async
    Task<Void> demo() {
        HttpServer upstream = Await.on(HttpServer.builder()
                .get("/data", r -> Response.json("{\"items\": [1, 2, 3]}").header("X-Upstream", "yes").done())
                .get("/slow", this::slowUpstream)
                .build().start(0));
        HttpServer proxy = Await.on(HttpServer.builder().get("/proxy", this::proxy).build().start(0));
        String up = "http://127.0.0.1:" + upstream.port();
        String closedPort = "http://127.0.0.1:" + freePort() + "/";
        for (String target : List.of(up + "/data", up + "/slow", closedPort)) {
            HttpResponse<String> r = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + proxy.port() + "/proxy?url=" + target)).build(), HttpResponse.BodyHandlers.ofString()));
            out.println("GET /proxy?url=" + target.replace(up, "<upstream>").replace(closedPort, "<closed port>")
                    + " -> " + r.statusCode() + " X-Upstream=" + r.headers().firstValue("x-upstream").orElse("-")
                    + " " + r.body().trim());
            if (r.statusCode() == 504) {
                try (Timeout t = Asyncio.timeout(Duration.ofSeconds(10))) {
                    out.println(Await.on(upstreamCancelled));
                }
            }
        }
        Await.on(proxy.stop(Duration.ofSeconds(1)));
        Await.on(upstream.stop(Duration.ofSeconds(1)));
        out.println("stopped");
        return Task.completed();
    }

    /** A port nothing listens on (bound, then released). */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.asyncio4j.sample.web;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.http.HttpServer;
import org.asyncio4j.http.Request;
import org.asyncio4j.http.Response;

/**
 * The smallest web service: one route with a path parameter and a query parameter, called with the
 * JDK's HttpClient, then a graceful stop. The processor generates {@code AsyncHttpHello}.
 */
public class HttpHello {
    final PrintStream out;

    HttpHello(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo, printing to {@code out}. */
    public static void run(PrintStream out, String... args) {
        Asyncio.run(() -> new AsyncHttpHello(out).demo());
    }

    /** GET /hello/{name}?greeting=... */
    @Async
    Task<Response> hello(Request r) {
        String greeting = r.queryParam("greeting") == null ? "hello" : r.queryParam("greeting");
        return Task.completed(Response.json("{\"message\": \"" + greeting + ", " + r.pathParam("name") + "\"}"));
    }

    @Async
    Task<Void> demo() {
        HttpServer server = Await.on(HttpServer.builder().get("/hello/{name}", this::hello).build().start(0));
        out.println("listening on 127.0.0.1 (a free port)");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.port();
        for (String path : List.of("/hello/world", "/hello/asyncio4j?greeting=bonjour", "/goodbye", "/hello/a/b")) {
            HttpResponse<String> r = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            out.println("GET " + path + " -> " + r.statusCode() + " " + r.body().trim());
        }
        Await.on(server.stop(Duration.ofSeconds(1)));
        out.println("stopped");
        return Task.completed();
    }
}

package org.asyncio4j.bench.http;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.asyncio4j.Asyncio;
import org.asyncio4j.LoopGroup;
import org.asyncio4j.Promise;
import org.asyncio4j.bench.Measure;
import org.asyncio4j.bench.vt.VirtualThreads;
import org.asyncio4j.http.HttpServer;
import org.asyncio4j.http.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * W8 servers: {@code GET /json} answering {@code {"message":"hello"}} on 127.0.0.1, keep-alive.
 * {@code peer=a4j} (asyncio4j-http; {@code loops=N} for one server per loop of a LoopGroup), {@code peer=jdk} (com.sun.net.httpserver, a virtual thread per
 * exchange), {@code peer=jetty} (Jetty 12, virtual threads for handlers). Prints
 * {@code LISTENING port=N} and serves until killed.
 */
public final class HttpPeers {
    static final byte[] BODY = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private HttpPeers() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Measure.args(args);
        switch (a.get("peer")) {
            case "a4j" -> {
                HttpServer.Builder json = HttpServer.builder()
                        .get("/json", r -> Response.json(new String(BODY, StandardCharsets.UTF_8)).done())
                        // 30 s for a connection's first request, as Jetty's default idle timeout: the default 10 s
                        // answered 408 to load-client threads that, at load averages of 20-70, wrote their first
                        // request more than 10 s after connecting (ANALYSIS.md, "HTTP server").
                        .maxHeaders(100).headerTimeout(java.time.Duration.ofSeconds(30));
                int loops = Integer.parseInt(a.getOrDefault("loops", "1"));
                if (loops == 1) {
                    Asyncio.run(() -> {
                        Promise<Void> forever = new Promise<>();
                        json.build().start(0).addDoneCallback(t -> listening(t.result().port()));
                        return forever;
                    });
                } else {
                    // One server per loop on one port (SO_REUSEPORT where the OS has it); serves until killed.
                    LoopGroup group = LoopGroup.start(loops);
                    listening(json.startOn(group, "127.0.0.1", 0).get(0).port());
                    new java.util.concurrent.CountDownLatch(1).await();
                }
            }
            case "jdk" -> {
                com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
                s.setExecutor(virtualThreads());
                s.createContext("/json", ex -> {
                    ex.getRequestBody().readAllBytes();
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, BODY.length);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(BODY);
                    }
                });
                s.start();
                listening(s.getAddress().getPort());
            }
            case "jetty" -> {
                QueuedThreadPool pool = new QueuedThreadPool();
                pool.setVirtualThreadsExecutor(virtualThreads());
                Server s = new Server(pool);
                ServerConnector c = new ServerConnector(s);
                c.setHost("127.0.0.1");
                c.setAcceptQueueSize(1024);
                s.addConnector(c);
                s.setHandler(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
                        response.write(true, ByteBuffer.wrap(BODY), callback);
                        return true;
                    }
                });
                s.start();
                listening(c.getLocalPort());
                s.join();
            }
            default -> throw new IllegalArgumentException("peer=a4j|jdk|jetty, got " + a.get("peer"));
        }
    }

    /** A virtual thread per task (the module compiles for 17; the runner uses JDK 21+). */
    static Executor virtualThreads() {
        ThreadFactory f = VirtualThreads.factory();
        return task -> f.newThread(task).start();
    }

    static void listening(int port) {
        System.out.println("LISTENING port=" + port);
        System.out.flush();
    }
}

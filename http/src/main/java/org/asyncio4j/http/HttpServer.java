package org.asyncio4j.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.LoopGroup;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.net.Server;

/**
 * An HTTP/1.1 server on the running event loop: one task per connection, requests parsed by Jetty's
 * standalone {@code HttpParser}, handlers returning {@code Task<Response>}.
 * <pre>{@code
 * HttpServer server = Await.on(HttpServer.builder()
 *         .route("GET", "/items/{id}", req -> Response.json("{\"id\": \"" + req.pathParam("id") + "\"}").done())
 *         .build()
 *         .start(8080));                      // 127.0.0.1:8080
 * ...
 * Await.on(server.stop(Duration.ofSeconds(5)));
 * }</pre>
 * Keep-alive, pipelining, {@code HEAD} (from the {@code GET} route, body omitted), 404 and 405 are
 * handled by the server. Every limit in {@link Builder} answers a clear 4xx and closes the
 * connection. All methods must be called on the loop thread.
 *
 * <p>On several loops ({@link LoopGroup}, one per core) {@link Builder#startOn} starts one server per
 * loop from the same routes and limits, and {@link #stopAll} stops them all gracefully.
 */
public final class HttpServer implements AsyncCloseable {
    /** Default address: the loopback interface only. Pass {@code "0.0.0.0"} to listen everywhere. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    final Router router;
    final Limits limits;
    private Server server;
    /** The loop this server runs on; set when it starts, read by {@link #stopAll} from any thread. */
    private volatile EventLoop loop;
    final Set<HttpConnection> connections = new LinkedHashSet<>();
    private Promise<Void> drained;
    private boolean stopping;

    private HttpServer(Router router, Limits limits) {
        this.router = router;
        this.limits = limits;
    }

    /**
     * A builder with the default limits and no routes.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port, see {@link #port()}).
     * @param port the TCP port, or 0 for a free one
     * @return a task completing with this server once it listens; it fails with the bind's {@link java.io.IOException}
     *     (e.g. the port is taken)
     * @throws IllegalStateException if this server was started before
     */
    public Task<HttpServer> start(int port) {
        return start(DEFAULT_HOST, port);
    }

    /**
     * Listens on {@code host}:{@code port}. A server is started once.
     * @param host the address to bind, e.g. "127.0.0.1", or null or empty for all interfaces
     * @param port the TCP port, or 0 for a free one
     * @return a task completing with this server once it listens; it fails with the bind's {@link java.io.IOException}
     * @throws IllegalStateException if this server was started before
     */
    public Task<HttpServer> start(String host, int port) {
        if (server != null || stopping) {
            throw new IllegalStateException("this HttpServer was already started; build another one to listen twice");
        }
        Task<Server> t = Asyncio.startServer(this::accept, host, port);
        Promise<HttpServer> p = new Promise<>();
        t.addDoneCallback(done -> {
            if (done.isCancelled()) {
                p.cancel();
            } else if (done.exception() != null) {
                p.fail(done.exception());
            } else {
                attach(done.result());
                p.complete(this);
            }
        });
        return p;
    }

    /** Takes {@code s} as this server's listener (or hand-off target), on the loop it serves on. */
    private void attach(Server s) {
        if (server != null || stopping) {
            throw new IllegalStateException("this HttpServer was already started; build another one to listen twice");
        }
        server = s;
        loop = EventLoop.current();
    }

    /**
     * Gracefully stops servers running on any loops, each on its own loop ({@link #stop(Duration)} with
     * {@code grace}), in list order: with the list from {@link Builder#startOn} the accepting loop stops
     * first. Callable from any thread.
     * @param servers started servers, e.g. the list {@link Builder#startOn} returned; not null
     * @param grace how long requests in progress may run on before they are cancelled
     * @return a future completing once every server has stopped (failing with the first failure)
     */
    public static CompletableFuture<Void> stopAll(List<HttpServer> servers, Duration grace) {
        Objects.requireNonNull(grace, "grace");
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (HttpServer s : servers) {
            EventLoop l = s.loop;
            if (l == null) {
                throw new IllegalStateException("stopAll: " + s + " was never started");
            }
            stops.add(l.submit(() -> s.stop(grace)));
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    private Task<Void> accept(org.asyncio4j.net.StreamReader reader, org.asyncio4j.net.StreamWriter writer) {
        HttpConnection c = new AsyncHttpConnection(this, reader, writer);
        connections.add(c);
        Task<Void> t = c.serve();
        c.task = t;
        t.addDoneCallback(done -> forget(c));
        if (stopping) {
            c.shutdown();
        }
        return t;
    }

    private void forget(HttpConnection c) {
        connections.remove(c);
        if (connections.isEmpty() && drained != null) {
            drained.complete(null);
        }
    }

    /**
     * The port listened on (the real one when 0 was asked); -1 for a server of a group that serves
     * connections handed to it by the group's accepting loop ({@link LoopGroup.Spread#HAND_OFF}).
     * @return the bound TCP port, or -1
     */
    public int port() {
        return running().port();
    }

    /**
     * The address listened on.
     * @return the bound address and port
     */
    public InetSocketAddress address() {
        List<InetSocketAddress> a = running().addresses();
        if (a.isEmpty()) {
            throw new IllegalStateException("this server listens nowhere: it serves connections another loop's server"
                    + " accepted (LoopGroup.Spread.HAND_OFF); ask the first server of the group");
        }
        return a.get(0);
    }

    /**
     * Connections open now.
     * @return the number of client connections open now
     */
    public int connectionCount() {
        return connections.size();
    }

    private Server running() {
        if (server == null) {
            throw new IllegalStateException("the server is not started: await start(...) first");
        }
        return server;
    }

    /**
     * Graceful stop: stops accepting at once, closes idle keep-alive connections, lets requests in
     * progress finish (their responses carry {@code Connection: close}) for up to {@code grace}, then
     * cancels the handlers still running and closes their connections. Completes when every
     * connection is closed.
     * @param grace how long requests in progress may run on before they are cancelled; zero cancels them at once
     * @return a task that completes once every connection is closed
     */
    public Task<Void> stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        Server s = running();
        if (!stopping) {
            stopping = true;
            s.close();
            drained = new Promise<>();
            if (connections.isEmpty()) {
                drained.complete(null);
            }
            for (HttpConnection c : Set.copyOf(connections)) {
                c.shutdown();
            }
        }
        return new AsyncGracefulStop().run(this, s, drained, grace);
    }

    /** Cancels every connection's task (the grace period is over). */
    void cancelAll() {
        for (HttpConnection c : Set.copyOf(connections)) {
            if (c.task != null) {
                c.task.cancel("the server's graceful stop ran out of time");
            }
        }
    }

    /** {@link #stop(Duration)} with a grace of {@link Limits#DEFAULT_GRACE}. */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        return stop(Limits.DEFAULT_GRACE);
    }

    @Override
    public String toString() {
        return "HttpServer[" + (server == null ? "not started" : server.addresses()) + ", " + connections.size() + " connections]";
    }

    /** Routes and limits of an {@link HttpServer}. */
    public static final class Builder {
        private final Router router = new Router();
        private final Limits limits = new Limits();

        private Builder() {}

        /**
         * Sends {@code method} requests whose path matches {@code pattern} to {@code handler}. A
         * pattern is literal segments and {@code {name}} segments, e.g. {@code /items/{id}}; the
         * first route added that matches wins. A {@code GET} route also answers {@code HEAD}.
         * @param method the HTTP method, upper-case letters only, e.g. "GET", "PUT", "DELETE"
         * @param pattern the path pattern, starting with '/', e.g. {@code /items/{id}}; each parameter a whole segment
         *     and named once
         * @param handler answers the matched requests; not null
         * @return this builder
         * @throws IllegalArgumentException if the method or pattern is malformed, or the same method and pattern were
         *     routed before
         */
        public Builder route(String method, String pattern, Handler handler) {
            router.add(method, pattern, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * As {@link #route}, but the request body is not read before {@code handler} runs: it reads
         * it with {@link Request#bodyStream()}, chunk by chunk, never holding the whole body (an
         * upload of any size within {@link #maxBodyBytes}). A handler that answers without reading
         * the body to its end gets its response sent with {@code Connection: close}, then the
         * server drops what the client still sends (for a short while) and closes the connection:
         * reading an unwanted body to its end to keep the connection would cost more than a new one.
         * @param method the HTTP method, e.g. "POST"
         * @param pattern the path pattern, as {@link #route}
         * @param handler answers the matched requests, reading the body with {@link Request#bodyStream()}; not null
         * @return this builder
         */
        public Builder streamingRoute(String method, String pattern, Handler handler) {
            router.add(method, pattern, new Router.Streaming(Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * {@code route("GET", pattern, handler)}.
         * @param pattern the path pattern, as {@link #route}
         * @param handler answers the matched requests; not null
         * @return this builder
         */
        public Builder get(String pattern, Handler handler) {
            return route("GET", pattern, handler);
        }

        /**
         * {@code route("POST", pattern, handler)}.
         * @param pattern the path pattern, as {@link #route}
         * @param handler answers the matched requests; not null
         * @return this builder
         */
        public Builder post(String pattern, Handler handler) {
            return route("POST", pattern, handler);
        }

        /**
         * Accepts WebSocket upgrades (RFC 6455) on {@code pattern}: the handshake is checked and
         * answered by the server, then {@code handler} owns the connection until its task ends.
         * @param pattern the path pattern, as {@link #route}
         * @param handler serves each accepted WebSocket connection; not null
         * @return this builder
         */
        public Builder websocket(String pattern, WebSocketHandler handler) {
            router.add("GET", pattern, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Largest request line plus headers, in bytes (default 8 KiB); larger: 431 (414 for a long target).
         * @param bytes the limit; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxHeaderBytes(int bytes) {
            limits.maxHeaderBytes = Limits.positive("maxHeaderBytes", bytes);
            return this;
        }

        /**
         * Most header fields in a request (default 100); more: 431.
         * @param count the limit; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is not positive
         */
        public Builder maxHeaders(int count) {
            limits.maxHeaders = Limits.positive("maxHeaders", count);
            return this;
        }

        /**
         * Largest request body, in bytes (default 1 MiB); larger: 413.
         * @param bytes the limit; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxBodyBytes(long bytes) {
            limits.maxBodyBytes = Limits.positive("maxBodyBytes", bytes);
            return this;
        }

        /**
         * Time for a request's line and headers to arrive, from its first byte, or from the connection's start for the
         * first request (default 10 s); slower: 408.
         * @param d the timeout; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is not positive
         */
        public Builder headerTimeout(Duration d) {
            limits.headerTimeout = Limits.positive("headerTimeout", d);
            return this;
        }

        /**
         * Time for a request's body to arrive once its headers are in (default 30 s); slower: 408.
         * @param d the timeout; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is not positive
         */
        public Builder bodyTimeout(Duration d) {
            limits.bodyTimeout = Limits.positive("bodyTimeout", d);
            return this;
        }

        /**
         * How long a keep-alive connection may wait for its next request (default 30 s); then it is closed without a
         * response.
         * @param d the timeout; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is not positive
         */
        public Builder idleTimeout(Duration d) {
            limits.idleTimeout = Limits.positive("idleTimeout", d);
            return this;
        }

        /**
         * Largest WebSocket message (all its fragments), in bytes (default 1 MiB); larger: close code 1009.
         * @param bytes the limit; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxWebSocketMessage(int bytes) {
            limits.maxWebSocketMessage = Limits.positive("maxWebSocketMessage", bytes);
            return this;
        }

        /**
         * Largest frame the server sends (default 64 KiB): a longer message goes out as a first frame
         * and continuation frames of at most this many payload bytes, each drained before the next,
         * so one large message neither needs a second copy in the write buffer nor keeps control
         * frames (pongs, close) waiting behind it.
         * @param bytes the largest payload per frame; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder webSocketFrameSize(int bytes) {
            limits.webSocketFrameSize = Limits.positive("webSocketFrameSize", bytes);
            return this;
        }

        /**
         * Keep-alive for WebSockets (off by default): every {@code interval} the server pings the
         * client; when neither the pong nor any other frame arrives within {@code timeout} while the
         * connection is being read, the server closes it with code 1011 and the reason
         * {@code "keepalive ping timeout"}, and the handler's {@code receive()} fails with that code.
         * Python's {@code websockets} uses 20 s and 20 s.
         * @param interval how often to ping; positive
         * @param timeout how long to wait for any frame after a ping; positive
         * @return this builder
         * @throws IllegalArgumentException if either is not positive
         */
        public Builder webSocketKeepAlive(Duration interval, Duration timeout) {
            limits.webSocketPingInterval = Limits.positive("webSocketKeepAlive interval", interval);
            limits.webSocketPingTimeout = Limits.positive("webSocketKeepAlive timeout", timeout);
            return this;
        }

        /**
         * The server; not listening until {@link HttpServer#start}.
         * @return a new server with this builder's routes and limits; later changes to the builder do not affect it
         */
        public HttpServer build() {
            return new HttpServer(router, limits.copy());
        }

        /**
         * {@link #startOn(LoopGroup, String, int, LoopGroup.Spread)} with {@link LoopGroup.Spread#AUTO}:
         * {@code SO_REUSEPORT} where the OS has it, else one accepting loop handing connections to the others.
         * @param group the loops to serve on; not null
         * @param host the address to bind, e.g. "127.0.0.1", or null or empty for all interfaces
         * @param port the TCP port, or 0 for a free one
         * @return one started server per loop, loop {@code i}'s at index {@code i}
         */
        public List<HttpServer> startOn(LoopGroup group, String host, int port) {
            return startOn(group, host, port, LoopGroup.Spread.AUTO);
        }

        /**
         * Starts one server per loop of {@code group}, each built from this builder's routes and limits,
         * listening on {@code host}:{@code port} together: each connection is served, from its first
         * request to its last, by the server of the loop {@code spread} gives it to. Blocks until every
         * loop serves, so call it from a plain thread ({@code main}), not from a loop. Each server
         * belongs to its loop ({@link #port()}, {@link #stop} and the rest on that loop only); the
         * port is {@code get(0).port()}; {@link HttpServer#stopAll} stops them all from any thread.
         * Handlers run on the loop of their connection: state they share across loops needs
         * thread-safe types.
         * <pre>{@code
         * try (LoopGroup group = LoopGroup.start(Runtime.getRuntime().availableProcessors())) {
         *     List<HttpServer> servers = HttpServer.builder().get("/json", json).startOn(group, "0.0.0.0", 8080);
         *     ...
         *     HttpServer.stopAll(servers, Duration.ofSeconds(5)).join();
         * }
         * }</pre>
         * @param group the loops to serve on; not null
         * @param host the address to bind, e.g. "127.0.0.1", or null or empty for all interfaces
         * @param port the TCP port, or 0 for a free one
         * @param spread how connections are spread over the loops; not null
         * @return one started server per loop, loop {@code i}'s at index {@code i}
         * @throws IllegalStateException if called from a running loop's thread
         */
        public List<HttpServer> startOn(LoopGroup group, String host, int port, LoopGroup.Spread spread) {
            Objects.requireNonNull(group, "group");
            Map<EventLoop, HttpServer> byLoop = new IdentityHashMap<>();
            List<HttpServer> servers = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                HttpServer s = build();
                servers.add(s);
                byLoop.put(group.loop(i), s);
            }
            // Read-only from here on; the loops see it through startServer's hand-over to them.
            List<Server> started = group.startServer((r, w) -> byLoop.get(EventLoop.current()).accept(r, w), host, port,
                    spread);
            List<CompletableFuture<Void>> attached = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                HttpServer s = servers.get(i);
                Server listener = started.get(i);
                attached.add(group.loop(i).submit(() -> {
                    s.attach(listener);
                    return Task.completed(null);
                }));
            }
            try {
                CompletableFuture.allOf(attached.toArray(CompletableFuture[]::new)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the servers started", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a loop failed to take its server: " + e.getCause(), e.getCause());
            }
            return List.copyOf(servers);
        }
    }
}

package org.asyncio4j.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * One client connection: reads requests one after the other (keep-alive, pipelining), runs their
 * handlers and writes their responses. A refused request gets its 4xx and the connection closes; a
 * closed or reset peer ends the connection quietly; anything else unexpected is reported to the
 * loop's exception handler. The processor generates {@code AsyncHttpConnection}.
 */
class HttpConnection {
    /** Bytes asked of the reader at a time. */
    static final int READ_SIZE = 16 * 1024;
    /** At most this long and this much input is dropped after a refusal before the connection closes. */
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
    static final long LINGER_BYTES = 1024 * 1024;
    /** Bodies up to this size go out in the same write as the head. */
    static final int SMALL_BODY = 16 * 1024;
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    final HttpServer server;
    final StreamReader reader;
    final StreamWriter writer;
    /** Bytes read and not parsed yet (the rest of a read, or a pipelined request). */
    ByteBuffer in = ByteBuffer.allocate(0);
    /** This connection's task, for the graceful stop's cancel. */
    Task<Void> task;
    /** The previous request's parser, reused for the next request unless that one streamed its body. */
    RequestParser lastParser;
    /** Waiting for a request with no byte of it received: a graceful stop may close it at once. */
    boolean idle;
    /** The server is stopping: finish the request in progress, then close. */
    boolean closing;
    /** The WebSocket this connection was upgraded to, or null. */
    WebSocketSession websocket;

    HttpConnection(HttpServer server, StreamReader reader, StreamWriter writer) {
        this.server = server;
        this.reader = reader;
        this.writer = writer;
    }

    /** The graceful stop: an idle connection closes now, a busy one after its response. */
    void shutdown() {
        closing = true;
        if (idle && task != null) {
            task.cancel("the server is stopping");
        }
        if (websocket != null) {
            // Going away (1001): the peer answers, the handler's receive ends, and so does the connection.
            WebSocketSession ws = websocket;
            Asyncio.createTask(() -> ws.close(1001, "server shutting down"), "websocket going away");
        }
    }

    @Async
    Task<Void> serve() {
        try {
            boolean first = true;
            while (!closing) {
                boolean keepAlive = Await.on(serveOne(first));
                first = false;
                if (!keepAlive) {
                    break;
                }
            }
        } catch (ClientGone e) {
            writer.abort(); // nothing to flush to a client that left
        } catch (CancelledError e) {
            if (idle) {
                return Task.completed(); // an idle connection closed by the graceful stop
            }
            throw e;
        } catch (Exception e) {
            if (!(e instanceof IOException)) {
                throw e; // a bug: the Server reports it with the peer's address and closes the connection
            }
            writer.abort(); // reset by the peer while we read or wrote: nothing to report
        }
        return Task.completed();
    }

    /** Reads, answers one request; true to go on with the next one on this connection. */
    @Async
    Task<Boolean> serveOne(boolean first) {
        Limits limits = server.limits;
        RequestParser p = lastParser != null && !lastParser.streaming ? lastParser.reset()
                : new RequestParser(limits.maxHeaderBytes, limits.maxHeaders, limits.maxBodyBytes);
        lastParser = p;
        try {
            boolean gotHead = Await.on(readHead(p, first));
            if (!gotHead) {
                return Task.completed(false);
            }
            if (p.error != null) {
                throw p.error;
            }
        } catch (HttpError e) {
            Await.on(refuse(e, p.method));
            return Task.completed(false);
        }
        boolean keepAlive = !closing && wantsKeepAlive(p);
        HttpURI uri = parseTarget(p.target);
        if (uri == null || uri.isAmbiguous() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            Await.on(sendError(400, "Ambiguous or invalid request target: " + p.target, p.method));
            return Task.completed(false);
        }
        Router.Match m;
        String path;
        try {
            m = server.router.match(p.method, uri.getPath());
            path = uri.getDecodedPath();
        } catch (IllegalArgumentException e) {
            Await.on(sendError(400, "Malformed percent-encoding in the path: " + p.target, p.method));
            return Task.completed(false);
        }
        // A streaming route's handler reads the body itself; every other request is read whole first.
        boolean streaming = m.route() != null && m.route().target() instanceof Router.Streaming;
        try {
            if (p.expectsBody() && p.headers.hasToken("Expect", "100-continue")) {
                writer.write(CONTINUE);
            }
            if (!streaming) {
                Await.on(readBody(p));
                if (p.error != null) {
                    throw p.error;
                }
            }
        } catch (HttpError e) {
            Await.on(refuse(e, p.method));
            return Task.completed(false);
        }
        if (m.route() == null) {
            Response r = m.allowed().isEmpty()
                    ? Response.text(404, "Not Found: " + path + "\n")
                    : Response.text(405, "Method Not Allowed: " + p.method + " " + path + "\n")
                            .header("Allow", String.join(", ", m.allowed()));
            Await.on(send(p.method, r, keepAlive));
            return Task.completed(keepAlive);
        }
        Map<String, List<String>> query;
        try {
            query = parseQuery(uri.getQuery());
        } catch (IllegalArgumentException e) {
            Await.on(sendError(400, "Malformed query string: " + e.getMessage(), p.method));
            return Task.completed(false);
        }
        BodyStream stream = null;
        if (streaming) {
            p.streaming = true;
            stream = new AsyncBodyStream(this, p);
        }
        Request req = new Request(p.method, p.target, path, m.params(), query, p.headers,
                streaming ? null : p.body(), writer.peerAddress(), stream);
        Object target = m.route().target();
        if (target instanceof WebSocketHandler ws) {
            websocket = new AsyncWebSocketSession(this, req, limits);
            Await.on(websocket.run(ws));
            return Task.completed(false);
        }
        Handler handler = streaming ? ((Router.Streaming) target).handler() : (Handler) target;
        Response r = Await.on(runHandler(handler, req, stream));
        // A body left unread (or refused half-way) cannot be skipped cheaply: this response is the connection's last.
        boolean bodyLeft = stream != null && !stream.complete();
        keepAlive = keepAlive && !closing && !bodyLeft; // a graceful stop may have begun while the handler ran
        Await.on(send(p.method, r, keepAlive));
        if (bodyLeft) {
            Await.on(linger());
        }
        return Task.completed(keepAlive);
    }

    /** Answers a refused request; after a refused body the client is likely still sending it. */
    @Async
    Task<Void> refuse(HttpError e, String method) {
        Await.on(sendError(e.status, e.getMessage(), method));
        if (e.status == 413 || e.status == 431 || e.status == 414) {
            Await.on(linger());
        }
        return Task.completed();
    }

    /** The target parsed by Jetty's {@link HttpURI}, or null when it cannot be (e.g. a path escaping the root). */
    static HttpURI parseTarget(String target) {
        try {
            return HttpURI.from(target);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Query parameters decoded by Jetty's {@link UrlEncoded} (UTF-8), in order. */
    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> r = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            UrlEncoded.decodeTo(query, (k, v) -> r.computeIfAbsent(k, x -> new ArrayList<>()).add(v), StandardCharsets.UTF_8);
        }
        return r;
    }

    static boolean wantsKeepAlive(RequestParser p) {
        if (p.headers.hasToken("Connection", "close")) {
            return false;
        }
        return p.version == HttpVersion.HTTP_1_1 || p.headers.hasToken("Connection", "keep-alive");
    }

    /**
     * Reads the request line and headers. False when the connection should just close: the peer
     * closed it between requests, or a keep-alive connection stayed idle too long.
     */
    @Async
    Task<Boolean> readHead(RequestParser p, boolean first) {
        Limits limits = server.limits;
        EventLoop loop = EventLoop.current();
        idle = !in.hasRemaining();
        // The first request's clock starts with the connection (a client that connects and sends
        // nothing is a slow client); later ones get the idle timeout until their first byte.
        long limit = first || !idle ? limits.headerTimeout.toNanos() : limits.idleTimeout.toNanos();
        boolean waitingIdle = idle && !first;
        try (Timeout t = Asyncio.timeoutAt(loop.time() + limit)) {
            while (true) {
                if (in.hasRemaining()) {
                    if (waitingIdle) {
                        waitingIdle = false;
                        t.reschedule(loop.time() + limits.headerTimeout.toNanos());
                    }
                    idle = false;
                    p.parse(in);
                    if (p.error != null || p.headerDone) {
                        return Task.completed(true);
                    }
                }
                if (idle && closing) {
                    return Task.completed(false);
                }
                byte[] b = Await.on(reader.read(READ_SIZE));
                if (b.length == 0) {
                    idle = false;
                    return Task.completed(false); // closed between requests, or mid-head: no one to answer
                }
                in = ByteBuffer.wrap(b);
            }
        } catch (AsyncTimeoutException e) {
            if (waitingIdle) {
                return Task.completed(false); // keep-alive idle timeout: close without a response
            }
            throw new HttpError(408, "Request headers not received within " + limits.headerTimeout.toMillis() + " ms");
        }
    }

    /** Reads the body into the parser (it enforces the size limit). */
    @Async
    Task<Void> readBody(RequestParser p) {
        Limits limits = server.limits;
        try (Timeout t = Asyncio.timeout(limits.bodyTimeout)) {
            while (true) {
                p.parse(in);
                if (p.error != null || p.messageDone) {
                    return Task.completed();
                }
                if (!in.hasRemaining()) {
                    byte[] b = Await.on(reader.read(READ_SIZE));
                    if (b.length == 0) {
                        throw new ClientGone("the client closed the connection in the middle of a request body");
                    }
                    in = ByteBuffer.wrap(b);
                }
            }
        } catch (AsyncTimeoutException e) {
            throw new HttpError(408, "Request body not received within " + limits.bodyTimeout.toMillis() + " ms");
        }
    }

    /**
     * Runs the handler as its own task while watching the connection: if the client disconnects
     * first, the handler is cancelled. Bytes that arrive meanwhile (a pipelined request) are kept.
     */
    @Async
    Task<Response> runHandler(Handler handler, Request req, BodyStream stream) {
        Task<Response> work = Asyncio.createTask(() -> call(handler, req), "http " + req);
        Task<byte[]> watch = null;
        try {
            // Once a pipelined request is waiting in `in`, stop watching: the handler just finishes.
            while (!work.isDone() && !in.hasRemaining()) {
                if (stream != null && !stream.ended.isDone()) {
                    // The handler reads the body itself (it sees a client that leaves): do not read under it.
                    Await.on(FirstDone.of(work, stream.ended));
                    continue;
                }
                watch = reader.read(READ_SIZE);
                Await.on(FirstDone.of(work, watch));
                if (watch.isDone()) {
                    Throwable failed = watch.exception();
                    byte[] b = failed == null ? watch.result() : new byte[0];
                    watch = null;
                    if (b.length == 0) {
                        work.cancel("the client disconnected before the response");
                        Await.on(settle(work));
                        throw new ClientGone("the client disconnected while " + req + " was handled");
                    }
                    in = ByteBuffer.wrap(b);
                }
            }
        } catch (CancelledError e) {
            work.cancel();
            throw e;
        } finally {
            if (watch != null) {
                watch.cancel(); // a cancelled read consumes nothing: the next request is intact
            }
        }
        Throwable failure = Await.on(settle(work));
        if (failure == null && work.result() == null) {
            failure = new NullPointerException("the handler's task completed with null instead of a Response");
        }
        if (failure instanceof ClientGone gone) {
            throw new ClientGone(gone.getMessage()); // from the body stream: the handler let it through
        }
        if (failure instanceof HttpError refused) {
            // The body stream's refusal (413, 408, a malformed chunk) let through by the handler: the client's answer.
            return Task.completed(Response.text(refused.status, refused.getMessage() + "\n"));
        }
        if (failure != null) {
            EventLoop.current().callExceptionHandler("HTTP handler failed on " + req + " (answered 500)", failure, work);
            return Task.completed(Response.text(500, "Internal Server Error\n"));
        }
        return Task.completed(work.result());
    }

    static Task<Response> call(Handler handler, Request req) {
        Task<Response> t = handler.handle(req); // a synchronous throw fails the created task
        if (t == null) {
            throw new NullPointerException("the handler returned null instead of a Task<Response>");
        }
        return t;
    }

    /** Done when {@code t} is, with its failure or null; never fails (not even when t was cancelled). */
    static Task<Throwable> settle(Task<?> t) {
        org.asyncio4j.Promise<Throwable> p = new org.asyncio4j.Promise<>();
        Runnable finish = () -> p.complete(t.isCancelled() ? new CancelledError() : t.exception());
        if (t.isDone()) {
            finish.run();
        } else {
            t.addDoneCallback(x -> finish.run());
        }
        return p;
    }

    /**
     * After refusing a request whose bytes may still be arriving: half-close (the client reads our
     * answer, then end of stream) and drop what it still sends, for a bounded time and size.
     * Closing at once with unread input would make the kernel send a reset, and a client still
     * writing could lose the answer to it.
     */
    @Async
    Task<Void> linger() {
        if (!writer.canWriteEof() || writer.isClosing()) {
            return Task.completed();
        }
        writer.writeEof();
        try (Timeout t = Asyncio.timeout(LINGER)) {
            long dropped = 0;
            while (dropped < LINGER_BYTES) {
                byte[] b = Await.on(reader.read(READ_SIZE));
                if (b.length == 0) {
                    break;
                }
                dropped += b.length;
            }
        } catch (AsyncTimeoutException e) {
            // the client neither stopped nor closed: close anyway
        }
        return Task.completed();
    }

    @Async
    Task<Void> sendError(int status, String message, String method) {
        Response r = Response.text(status, message + "\n");
        Await.on(send(method == null ? "GET" : method, r, false));
        return Task.completed();
    }

    /** Writes {@code r}; a streamed body is chunked, awaiting the client between chunks. */
    @Async
    Task<Void> send(String method, Response r, boolean keepAlive) {
        boolean head = "HEAD".equals(method) || !ResponseHead.hasBody(r.status());
        byte[] top = ResponseHead.encode(r, keepAlive);
        if (r.body() != null && !head && r.body().length <= SMALL_BODY) {
            // One write, so one send system call: a write to an idle socket is sent at once, and on a
            // busy server the call itself (the kernel's send path) is most of a small response's cost.
            byte[] all = java.util.Arrays.copyOf(top, top.length + r.body().length);
            System.arraycopy(r.body(), 0, all, top.length, r.body().length);
            writer.write(all);
            Await.on(writer.drain());
            return Task.completed();
        }
        writer.write(top);
        if (r.body() != null) {
            if (!head) {
                writer.write(r.body());
            }
            Await.on(writer.drain());
            return Task.completed();
        }
        if (head) {
            Await.on(writer.drain());
            return Task.completed();
        }
        Await.on(new AsyncChunkedBody().write(writer, r.stream()));
        return Task.completed();
    }
}

package org.asyncio4j.http;

import java.time.Duration;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Connection;

/** Misbehaving clients on raw sockets, driven from the loop (so they run on a VirtualClock too). */
class HostileScenarios {
    static final String OK_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nok";

    final List<String> log;
    final Raw raw;
    final Handlers handlers;

    HostileScenarios(List<String> log) {
        this.log = log;
        this.raw = new AsyncRaw(log);
        this.handlers = new AsyncHandlers(log);
    }

    HttpServer server() {
        return HttpServer.builder()
                .get("/", r -> Response.text("ok").done())
                .post("/", r -> Response.text("ok").done())
                .get("/forever", handlers::forever)
                .get("/echo/{x}", r -> Response.text(r.pathParam("x")).done())
                .get("/empty", r -> Response.of(204).header("Content-Length", "99").done())
                .get("/slow", r -> handlers.slow(r, Duration.ofSeconds(5)))
                .maxHeaderBytes(1024)
                .maxHeaders(10)
                .maxBodyBytes(100)
                .build();
    }

    /** Each request in turn on its own connection; logs the status line the server closed with. */
    @Async
    Task<Void> refusals(List<String> requests) {
        HttpServer s = Await.on(server().start(0));
        for (String req : requests) {
            String answer = Await.on(raw.exchange(s.port(), req));
            log.set(log.size() - 1, Raw.statusLine(answer) + " | " + (answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n") + 4).trim() : "(no head)")
                    + (answer.contains("Connection: close") ? " | closed" : " | NOT closed"));
        }
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Sends {@code part} and then nothing; logs when and how the server closed. */
    @Async
    Task<Void> stall(String part) {
        HttpServer s = Await.on(server().start(0));
        String answer = Await.on(raw.exchange(s.port(), part));
        log.add(Raw.statusLine(answer));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** A whole request, its answer, then silence: the keep-alive idle timeout closes it without a response. */
    @Async
    Task<Void> idleKeepAlive() {
        HttpServer s = Await.on(server().start(0));
        Connection c = Await.on(Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        byte[] first = Await.on(c.reader().readExactly(OK_RESPONSE.length()));
        log.add("answered at " + Raw.ms() + ": " + Raw.str(first).equals(OK_RESPONSE));
        byte[] rest = Await.on(c.reader().readAll());
        log.add("closed at " + Raw.ms() + " with " + rest.length + " more bytes");
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** The client leaves while its handler runs: the handler is cancelled. */
    @Async
    Task<Void> disconnectCancelsHandler() {
        HttpServer s = Await.on(server().start(0));
        Connection c = Await.on(Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n"));
        Await.on(c.writer().drain());
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        log.add("client leaves at " + Raw.ms());
        Await.on(c.closeAsync(null));
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        log.add("connections at " + Raw.ms() + ": " + s.connectionCount());
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** A 204 is sent without a body or framing headers, and the connection stays usable. */
    @Async
    Task<Void> noContent() {
        HttpServer s = Await.on(server().start(0));
        String answer = Await.on(raw.exchange(s.port(), "GET /empty HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        log.add(answer.replace("\r\n", "|"));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** A client that sends a body far over the limit and reads only after: it still gets its 413. */
    @Async
    Task<Void> bigBodySentAnyway() {
        HttpServer s = Await.on(server().start(0));
        Connection c = Await.on(Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 300000\r\n\r\n"));
        c.writer().write(new byte[300_000]);
        Await.on(c.writer().drain());
        String answer = Raw.str(Await.on(c.reader().readAll()));
        log.add(Raw.statusLine(answer) + ", end of stream at " + Raw.ms());
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Two requests in one write: both answered, in order, on one connection. */
    @Async
    Task<Void> pipelined() {
        HttpServer s = Await.on(server().start(0));
        String answer = Await.on(raw.exchange(s.port(),
                "GET / HTTP/1.1\r\nHost: x\r\n\r\nPOST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"));
        log.add(answer.replace("\r\n", "|"));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /**
     * Three requests on one connection, so the server reuses its parser: nothing of one request shows in
     * the next (a header, a body), and a Request kept by a handler keeps its own headers.
     */
    @Async
    Task<Void> requestsOnOneConnectionShareNothing() {
        java.util.List<Request> kept = new java.util.ArrayList<>();
        HttpServer s = Await.on(HttpServer.builder()
                .post("/show", r -> {
                    kept.add(r);
                    return Response.text("x-a=" + r.header("X-A") + " body=" + r.bodyText()).done();
                })
                .build().start(0));
        String answer = Await.on(raw.exchange(s.port(),
                "POST /show HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nabc"
                        + "POST /show HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                        + "POST /show HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "2\r\nde\r\n0\r\n\r\n"));
        for (String part : answer.split("HTTP/1.1 ")) {
            if (!part.isEmpty()) {
                log.add(part.substring(0, part.indexOf(' ')) + " " + part.substring(part.indexOf("\r\n\r\n") + 4));
            }
        }
        log.add("kept: " + kept.get(0).header("X-A") + ", " + kept.get(1).header("X-A") + ", " + kept.get(2).header("X-A"));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /**
     * Graceful stop while one connection is idle and one request is in progress: the idle one closes
     * at once, the busy one is answered (with Connection: close) if it finishes within the grace,
     * else cancelled at its end.
     */
    @Async
    Task<Void> gracefulStop(Duration grace) {
        HttpServer s = Await.on(server().start(0));
        int port = s.port();
        Connection idle = Await.on(Asyncio.openConnection("127.0.0.1", port));
        idle.writer().write(Raw.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        Await.on(idle.reader().readExactly(OK_RESPONSE.length()));
        Task<String> busy = raw.exchange(port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        log.add("stop at " + Raw.ms() + " with " + s.connectionCount() + " connections");
        Task<Void> stopped = s.stop(grace);
        byte[] idleRest = Await.on(idle.reader().readAll());
        log.add("idle connection closed at " + Raw.ms() + " with " + idleRest.length + " bytes");
        Await.on(idle.closeAsync(null));
        String answer = Await.on(busy);
        log.add("busy got: " + (answer.isEmpty() ? "nothing" : Raw.statusLine(answer)
                + (answer.contains("Connection: close") ? " + Connection: close" : "")));
        Await.on(stopped);
        log.add("stopped at " + Raw.ms());
        try {
            Await.on(Asyncio.openConnection("127.0.0.1", port), java.io.IOException.class);
            log.add("still accepting!");
        } catch (java.io.IOException e) {
            log.add("new connection refused");
        }
        return Task.completed();
    }
}

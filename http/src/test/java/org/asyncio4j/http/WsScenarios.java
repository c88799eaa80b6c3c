package org.asyncio4j.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Await;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** WebSocket conversations between our server and the JDK's client (raw or bridged). */
class WsScenarios {
    static final int FLOOD = 400;
    static final int FLOOD_SIZE = 64 * 1024;

    final List<String> log;
    final HttpClient client = HttpClient.newHttpClient();
    final Promise<Integer> floodBlocked = new Promise<>();

    WsScenarios(List<String> log) {
        this.log = log;
    }

    HttpServer server() {
        return HttpServer.builder()
                .websocket("/echo", this::echo)
                .websocket("/bye", this::bye)
                .websocket("/flood", this::flood)
                .websocket("/log", this::logging)
                .websocket("/pinger", this::pinger)
                .maxWebSocketMessage(1000)
                .build();
    }

    /** Sends in frames of at most 4 bytes. */
    HttpServer fragmentingServer() {
        return HttpServer.builder().websocket("/big", this::big).webSocketFrameSize(4).build();
    }

    /** Pings every {@code interval}, closes after {@code timeout} of silence. */
    HttpServer keepAliveServer(Duration interval, Duration timeout) {
        return HttpServer.builder()
                .websocket("/echo", this::echo)
                .websocket("/timed", this::timed)
                .websocket("/sender", this::sender)
                .webSocketKeepAlive(interval, timeout)
                .build();
    }

    // ---------------------------------------------------------------- server handlers

    /** A 10-byte text and a 6-byte binary message, then waits for the client's close. */
    @Async
    Task<Void> big(Request r, WebSocket ws) {
        Await.on(ws.sendText("abcdefghij"));
        Await.on(ws.sendBinary(new byte[] {1, 2, 3, 4, 5, 6}));
        AsyncIterator<Message> it = ws.messages().iterator();
        while (Await.on(it.hasNext())) {
            log.add("server: unexpected " + it.next());
        }
        return Task.completed();
    }

    /** Pings the client while no one receives (the ping reads ahead), then again while receiving. */
    @Async
    Task<Void> pinger(Request r, WebSocket ws) {
        Await.on(ws.ping(new byte[] {1}));
        log.add("server: pong 1");
        Await.on(ws.sendText("pinged"));
        log.add("server: got " + Await.on(ws.receive()));
        try {
            Await.on(ws.ping(new byte[126]));
        } catch (IllegalArgumentException e) {
            log.add("server: " + e.getMessage());
        }
        return Task.completed();
    }

    /** Never receives: sends a tick every 10 ms until sending fails; logs how. */
    @Async
    Task<Void> sender(Request r, WebSocket ws) {
        try {
            while (true) {
                Await.on(ws.sendText("tick"));
                Await.on(org.asyncio4j.Asyncio.sleep(Duration.ofMillis(10)));
            }
        } catch (WebSocketClosedException e) {
            log.add("server: send failed: " + e.getMessage());
        }
        return Task.completed();
    }

    /** Receives until the end; logs how it ended and when. */
    @Async
    Task<Void> timed(Request r, WebSocket ws) {
        try {
            while (true) {
                log.add("server: got " + Await.on(ws.receive()) + " at " + Raw.ms());
            }
        } catch (WebSocketClosedException e) {
            log.add("server: " + e.getMessage() + " at " + Raw.ms());
        }
        return Task.completed();
    }

    @Async
    Task<Void> echo(Request r, WebSocket ws) {
        for (Message m : Await.each(ws.messages())) { // async for m in ws
            if (m.isText()) {
                Await.on(ws.sendText("echo:" + m.text() + " " + r.queryParam("who")));
            } else {
                Await.on(ws.sendBinary(m.bytes()));
            }
        }
        log.add("server: messages ended, close code " + ws.closeCode());
        return Task.completed();
    }

    @Async
    Task<Void> bye(Request r, WebSocket ws) {
        Await.on(ws.sendText("hi"));
        Await.on(ws.close(4001, "bye"));
        log.add("server: close handshake done");
        return Task.completed();
    }

    /** Receives until the end, then logs how it ended. */
    @Async
    Task<Void> logging(Request r, WebSocket ws) {
        try {
            while (true) {
                log.add("server: got " + Await.on(ws.receive()));
            }
        } catch (WebSocketClosedException e) {
            log.add("server: " + e.getMessage());
        }
        return Task.completed();
    }

    static final String HANDSHAKE = "GET /log HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** A raw client: the RFC 6455 sample handshake, then {@code frames}; logs the server's answer after the 101. */
    @Async
    Task<Void> rawFrames(int port, byte[] frames, boolean thenClose) {
        org.asyncio4j.net.Connection c = Await.on(org.asyncio4j.Asyncio.openConnection("127.0.0.1", port));
        c.writer().write(Raw.bytes(HANDSHAKE));
        String head = Raw.str(Await.on(c.reader().readUntil(Raw.bytes("\r\n\r\n"))));
        log.add("client: " + Raw.statusLine(head) + ", accept ok: " + head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        c.writer().write(frames);
        if (thenClose) {
            Await.on(c.closeAsync(null)); // the server's stop below waits for its side to see it
            return Task.completed();
        }
        byte[] answer = Await.on(c.reader().readAll());
        // A server frame: byte 0 FIN+opcode (0x88: close), byte 1 the length, then the code (big-endian).
        log.add(String.format("client: server sent frame %02x with code %d then closed", answer[0] & 0xff,
                ((answer[2] & 0xff) << 8) | (answer[3] & 0xff)));
        Await.on(c.closeAsync(null));
        return Task.completed();
    }

    @Async
    Task<Void> protocolFaults() {
        HttpServer s = Await.on(server().start(0));
        byte[] mask = {1, 2, 3, 4};
        // A masked "hi" (FIN + text), then an unmasked one: clients must mask (RFC 6455 5.1).
        Await.on(rawFrames(s.port(), new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, (byte) ('h' ^ 1), (byte) ('i' ^ 2),
            (byte) 0x81, 0x02, 'h', 'i'}, false));
        // RSV1 set with no extension negotiated.
        Await.on(rawFrames(s.port(), new byte[] {(byte) 0xC1, (byte) 0x81, mask[0], mask[1], mask[2], mask[3], (byte) ('h' ^ 1)}, false));
        // Invalid UTF-8 in a text message (0xC3 alone).
        Await.on(rawFrames(s.port(), new byte[] {(byte) 0x81, (byte) 0x81, mask[0], mask[1], mask[2], mask[3], (byte) (0xC3 ^ 1)}, false));
        // The client vanishes without a close frame.
        Await.on(rawFrames(s.port(), new byte[0], true));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /**
     * Once the client has said "go", sends FLOOD messages of FLOOD_SIZE to a client that does not read at first; notes
     * the first send that had to wait. It waits for the client because the JDK's WebSocket client can lose bytes that
     * arrive together with the 101 answer (docs/http.md, "The JDK's WebSocket client").
     */
    @Async
    Task<Void> flood(Request r, WebSocket ws) {
        Await.on(ws.receive());
        byte[] payload = new byte[FLOOD_SIZE];
        for (int i = 0; i < FLOOD; i++) {
            payload[0] = (byte) i;
            Task<Void> sent = ws.sendBinary(payload);
            if (!sent.isDone() && !floodBlocked.isDone()) {
                floodBlocked.complete(i);
            }
            Await.on(sent);
        }
        log.add("server: all " + FLOOD + " sent");
        return Task.completed();
    }

    // ---------------------------------------------------------------- clients

    URI uri(HttpServer s, String path) {
        return URI.create("ws://127.0.0.1:" + s.port() + path);
    }

    @Async
    Task<Void> echoConversation() {
        HttpServer s = Await.on(server().start(0));
        WebSocket ws = Await.on(WebSocketClient.connect(client, uri(s, "/echo?who=ann")));
        Await.on(ws.sendText("hello"));
        log.add("client: " + Await.on(ws.receive()));
        Await.on(ws.sendBinary(new byte[] {1, 2, 3}));
        log.add("client: " + Await.on(ws.receive()));
        Await.on(ws.close(1000, "done"));
        log.add("client: closed with " + ws.closeCode());
        try {
            Await.on(ws.receive());
        } catch (WebSocketClosedException e) {
            log.add("client: receive after close -> " + e.getMessage());
        }
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** With the JDK client directly: a fragmented text message and a ping. */
    @Async
    Task<Void> fragmentsAndPing() {
        HttpServer s = Await.on(server().start(0));
        RawListener l = new RawListener();
        java.net.http.WebSocket ws = Await.on(client.newWebSocketBuilder().buildAsync(uri(s, "/echo?who=bob"), l));
        Await.on(ws.sendText("hel", false));
        Await.on(ws.sendText("lo ", false));
        Await.on(ws.sendText("world", true));
        log.add("client: " + Await.on(l.text));
        Await.on(ws.sendPing(ByteBuffer.wrap(new byte[] {7})));
        log.add("client: pong " + Await.on(l.pong));
        Await.on(ws.sendText("x".repeat(1001), true));
        log.add("client: closed by server with " + Await.on(l.close));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    @Async
    Task<Void> serverCloses() {
        HttpServer s = Await.on(server().start(0));
        WebSocket ws = Await.on(WebSocketClient.connect(client, uri(s, "/bye")));
        AsyncIterator<Message> it = ws.messages().iterator();
        try {
            while (Await.on(it.hasNext())) {
                log.add("client: " + it.next());
            }
        } catch (WebSocketClosedException e) {
            log.add("client: " + e.getMessage() + " (normal: " + e.isNormal() + ")");
        }
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    @Async
    Task<Void> backPressure() {
        HttpServer s = Await.on(server().start(0));
        WebSocket ws = Await.on(WebSocketClient.connect(client, uri(s, "/flood")));
        Await.on(ws.sendText("go"));
        int blockedAt = Await.on(floodBlocked);
        log.add("server send waited before the last message: " + (blockedAt < FLOOD - 1));
        int n = 0;
        boolean inOrder = true;
        while (n < FLOOD) {
            Message m = Await.on(ws.receive());
            inOrder &= m.raw().length == FLOOD_SIZE && m.raw()[0] == (byte) n;
            n++;
        }
        log.add("client: received " + n + " in order: " + inOrder);
        Await.on(ws.close(1000, ""));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** A graceful stop closes open WebSockets with 1001 (going away): the conversation ends normally on both sides. */
    @Async
    Task<Void> stopWithAnOpenWebSocket() {
        HttpServer s = Await.on(server().start(0));
        WebSocket ws = Await.on(WebSocketClient.connect(client, uri(s, "/echo?who=cy")));
        Await.on(ws.sendText("before"));
        log.add("client: " + Await.on(ws.receive()));
        Task<Void> stopped = s.stop(Duration.ofSeconds(30));
        AsyncIterator<Message> it = ws.messages().iterator();
        log.add("client: more messages: " + Await.on(it.hasNext()) + ", close code " + ws.closeCode());
        Await.on(stopped);
        log.add("stopped, connections: " + s.connectionCount());
        return Task.completed();
    }

    @Async
    Task<Void> plainGetOnAWebSocketRoute() {
        HttpServer s = Await.on(server().start(0));
        HttpResponse<String> r = Await.on(client.sendAsync(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + s.port() + "/echo")).version(HttpClient.Version.HTTP_1_1).build(),
                HttpResponse.BodyHandlers.ofString()));
        log.add(r.statusCode() + " " + r.body().trim());
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** A masked client frame: {@code b0} is FIN and the opcode, the payload is at most 125 bytes. */
    static byte[] frame(int b0, byte[] payload) {
        byte[] f = new byte[6 + payload.length];
        byte[] mask = {9, 8, 7, 6};
        f[0] = (byte) b0;
        f[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return f;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    /**
     * Raw frames: a text message in three fragments with a ping between them (control frames may
     * interleave, RFC 6455 5.4), then a binary message whose fragments (each under the limit)
     * add up to more than the server's 1000 bytes.
     */
    @Async
    Task<Void> rawFragments() {
        HttpServer s = Await.on(server().start(0));
        org.asyncio4j.net.Connection c = Await.on(org.asyncio4j.Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes(HANDSHAKE));
        String head = Raw.str(Await.on(c.reader().readUntil(Raw.bytes("\r\n\r\n"))));
        log.add("client: " + Raw.statusLine(head));
        c.writer().write(concat(frame(0x01, Raw.bytes("ab")), frame(0x89, Raw.bytes("p")), frame(0x00, Raw.bytes("cd")),
                frame(0x80, Raw.bytes("e"))));
        byte[] pong = Await.on(c.reader().readExactly(3));
        log.add(String.format("client: frame %02x %d %s", pong[0] & 0xff, pong[1], (char) pong[2]));
        byte[] part = new byte[120];
        byte[][] frames = new byte[10][];
        frames[0] = frame(0x02, part);
        for (int i = 1; i < 10; i++) {
            frames[i] = frame(i == 9 ? 0x80 : 0x00, part); // 1200 bytes in all
        }
        c.writer().write(concat(frames));
        byte[] answer = Await.on(c.reader().readAll());
        log.add(String.format("client: server sent frame %02x with code %d then closed", answer[0] & 0xff,
                ((answer[2] & 0xff) << 8) | (answer[3] & 0xff)));
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Messages the server sends in 4-byte frames: fragments with the JDK client directly, whole ones through the bridge. */
    @Async
    Task<Void> serverFragments() {
        HttpServer s = Await.on(fragmentingServer().start(0));
        PartsListener l = new PartsListener(5);
        java.net.http.WebSocket raw = Await.on(client.newWebSocketBuilder().buildAsync(uri(s, "/big"), l));
        for (String p : Await.on(l.done)) {
            log.add("jdk client: " + p);
        }
        Await.on(raw.sendClose(1000, ""));
        WebSocket ws = Await.on(WebSocketClient.connect(client, uri(s, "/big")));
        log.add("bridged client: " + Await.on(ws.receive()) + ", " + java.util.Arrays.toString(Await.on(ws.receive()).bytes()));
        Await.on(ws.close(1000, ""));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Pings both ways with the bridged client (the JDK answers pings while the client receives). */
    @Async
    Task<Void> pings() {
        HttpServer s = Await.on(server().start(0));
        WebSocket ws = Await.on(WebSocketClient.connect(client, uri(s, "/pinger")));
        log.add("client: " + Await.on(ws.receive()));
        Await.on(ws.ping(new byte[] {9}));
        log.add("client: pong 9");
        Await.on(ws.sendText("bye"));
        AsyncIterator<Message> it = ws.messages().iterator();
        log.add("client: more messages: " + Await.on(it.hasNext()) + ", close code " + ws.closeCode());
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Keep-alive pings every 20 ms against the JDK client, which answers them: the conversation goes on. */
    @Async
    Task<Void> keepAliveAnswered() {
        HttpServer s = Await.on(keepAliveServer(Duration.ofMillis(20), Duration.ofSeconds(10)).start(0));
        PingCounter l = new PingCounter(3);
        java.net.http.WebSocket raw = Await.on(client.newWebSocketBuilder().buildAsync(uri(s, "/echo?who=dee"), l));
        log.add("client: pings answered: " + Await.on(l.pinged));
        Await.on(raw.sendText("still here", true));
        log.add("client: " + Await.on(l.text));
        Await.on(raw.sendClose(1000, ""));
        log.add("client: closed by server with " + Await.on(l.close));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Keep-alive every 20 s with a 10 s timeout against a raw client that never answers (on a VirtualClock). */
    @Async
    Task<Void> keepAliveUnanswered() {
        HttpServer s = Await.on(keepAliveServer(Duration.ofSeconds(20), Duration.ofSeconds(10)).start(0));
        org.asyncio4j.net.Connection c = Await.on(org.asyncio4j.Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes(HANDSHAKE.replace("/log", "/timed")));
        Await.on(c.reader().readUntil(Raw.bytes("\r\n\r\n")));
        byte[] got = Await.on(c.reader().readAll());
        int ping = got[1];
        int close = 2 + ping;
        log.add(String.format("client: frame %02x with %d bytes, then frame %02x with code %d \"%s\", then end of stream at %s",
                got[0] & 0xff, ping, got[close] & 0xff, ((got[close + 2] & 0xff) << 8) | (got[close + 3] & 0xff),
                new String(got, close + 4, got[close + 1] - 2, java.nio.charset.StandardCharsets.UTF_8), Raw.ms()));
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /**
     * Keep-alive on the real clock (20 ms, timeout 100 ms) with a handler that only sends and a raw
     * client that never answers: the keep-alive's ping reads on the handler's behalf and the 1011
     * reaches it through its next send.
     */
    @Async
    Task<Void> keepAliveForASender() {
        HttpServer s = Await.on(keepAliveServer(Duration.ofMillis(20), Duration.ofMillis(100)).start(0));
        org.asyncio4j.net.Connection c = Await.on(org.asyncio4j.Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes(HANDSHAKE.replace("/log", "/sender")));
        Await.on(c.reader().readUntil(Raw.bytes("\r\n\r\n")));
        byte[] got = Await.on(c.reader().readAll());
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        int i = 0;
        int lastCode = -1;
        while (i < got.length) {
            int op = got[i] & 0x0f;
            int len = got[i + 1];
            kinds.add(op == 1 ? "text" : op == 9 ? "ping" : op == 8 ? "close" : "opcode " + op);
            if (op == 8) {
                lastCode = ((got[i + 2] & 0xff) << 8) | (got[i + 3] & 0xff);
            }
            i += 2 + len;
        }
        log.add("client: got " + kinds + ", close code " + lastCode);
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Collects the message parts the JDK client is handed (one per frame), until {@code n}. */
    static final class PartsListener implements java.net.http.WebSocket.Listener {
        final List<String> parts = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<List<String>> done = new CompletableFuture<>();
        final int n;

        PartsListener(int n) {
            this.n = n;
        }

        void add(java.net.http.WebSocket ws, String part) {
            parts.add(part);
            if (parts.size() == n) {
                done.complete(List.copyOf(parts));
            }
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            add(ws, "text " + data + " last=" + last);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            add(ws, "binary " + data.remaining() + " bytes last=" + last);
            return null;
        }
    }

    /** Counts the pings the JDK client receives (and answers by itself). */
    static final class PingCounter implements java.net.http.WebSocket.Listener {
        final CompletableFuture<Integer> pinged = new CompletableFuture<>();
        final CompletableFuture<String> text = new CompletableFuture<>();
        final CompletableFuture<Integer> close = new CompletableFuture<>();
        final int n;
        int pings;

        PingCounter(int n) {
            this.n = n;
        }

        @Override
        public CompletionStage<?> onPing(java.net.http.WebSocket ws, ByteBuffer message) {
            if (++pings == n) {
                pinged.complete(n);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.complete(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            close.complete(statusCode);
            return null;
        }
    }

    /** Records what the JDK client receives, as futures. */
    static final class RawListener implements java.net.http.WebSocket.Listener {
        final CompletableFuture<String> text = new CompletableFuture<>();
        final CompletableFuture<Byte> pong = new CompletableFuture<>();
        final CompletableFuture<String> close = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            text.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(java.net.http.WebSocket webSocket, ByteBuffer message) {
            pong.complete(message.get());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
            close.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket webSocket, Throwable error) {
            close.complete("error " + error);
        }
    }
    /**
     * The flood read by a raw client in chunks of random sizes (fixed seed): every frame arrives whole and in order, so
     * the server's byte stream stays intact while back-pressure holds its sends.
     */
    @Async
    Task<Void> floodReadInRandomChunks() {
        HttpServer s = Await.on(server().start(0));
        org.asyncio4j.net.Connection c = Await.on(org.asyncio4j.Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes(HANDSHAKE.replace("GET /log", "GET /flood")));
        log.add("client: " + Raw.statusLine(Raw.str(Await.on(c.reader().readUntil(Raw.bytes("\r\n\r\n"))))));
        c.writer().write(frame(0x81, Raw.bytes("go")));
        int blockedAt = Await.on(floodBlocked);
        log.add("server send waited before the last message: " + (blockedAt < FLOOD - 1));
        java.util.Random chunkSizes = new java.util.Random(20261204);
        ByteBuffer pending = ByteBuffer.allocate(2 * (10 + FLOOD_SIZE) + 40_000);
        int frames = 0;
        String bad = null;
        while (frames < FLOOD && bad == null) {
            byte[] chunk = Await.on(c.reader().read(1 + chunkSizes.nextInt(40_000)));
            if (chunk.length == 0) {
                bad = "end of stream after " + frames + " frames";
                break;
            }
            pending.put(chunk).flip();
            // A binary frame of 64 KiB: 0x82, 127, an 8-byte length, the payload (first byte: the message's number).
            while (bad == null && pending.remaining() >= 10 + FLOOD_SIZE) {
                int b0 = pending.get() & 0xff;
                int b1 = pending.get() & 0xff;
                long len = pending.getLong();
                byte first = pending.get(pending.position());
                pending.position(pending.position() + FLOOD_SIZE);
                if (b0 != 0x82 || b1 != 127 || len != FLOOD_SIZE || first != (byte) frames) {
                    bad = String.format("frame %d: %02x %02x length %d first byte %d", frames, b0, b1, len, first);
                }
                frames++;
            }
            pending.compact();
        }
        log.add("client: " + (bad == null ? "all " + frames + " frames whole and in order" : "bad " + bad));
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }
}

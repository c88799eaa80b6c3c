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
                .maxWebSocketMessage(1000)
                .build();
    }

    // ---------------------------------------------------------------- server handlers

    @Async
    Task<Void> echo(Request r, WebSocket ws) {
        AsyncIterator<Message> it = ws.messages().iterator();
        while (Await.on(it.hasNext())) {
            Message m = it.next();
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

    /** Sends FLOOD messages of FLOOD_SIZE to a client that does not read at first; notes the first send that had to wait. */
    @Async
    Task<Void> flood(Request r, WebSocket ws) {
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
}

package org.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * The JDK's WebSocket client ({@link HttpClient#newWebSocketBuilder()}) bridged to the loop:
 * {@link WebSocket#receive()} and {@link WebSocket#messages()} deliver whole messages, sends are
 * awaited. The JDK client reads a message from the network only when one is asked for (its
 * {@code request(n)}), so a consumer that does not receive slows the server instead of filling
 * memory.
 * <pre>{@code
 * WebSocket ws = Await.on(WebSocketClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:8080/chat")));
 * Await.on(ws.sendText("hello"));
 * Message m = Await.on(ws.receive());
 * Await.on(ws.close(1000, "done"));
 * }</pre>
 */
public final class WebSocketClient {
    /** Largest message accepted by {@link #connect(HttpClient, URI)}: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE = 1024 * 1024;

    private WebSocketClient() {}

    /**
     * Opens a WebSocket to {@code uri} ({@code ws://} or {@code wss://}) with {@code client}.
     * @param client the JDK client making the connection (its proxy, TLS settings and executor apply); not null
     * @param uri the server's {@code ws://} or {@code wss://} address; not null
     * @return a task completing with the open WebSocket, or failing with the handshake's error
     */
    public static Task<WebSocket> connect(HttpClient client, URI uri) {
        return connect(client, uri, DEFAULT_MAX_MESSAGE);
    }

    /**
     * As {@link #connect(HttpClient, URI)}; a message over {@code maxMessage} bytes aborts the connection (code 1009).
     * @param client the JDK client making the connection; not null
     * @param uri the server's {@code ws://} or {@code wss://} address; not null
     * @param maxMessage the largest message accepted, in bytes; positive
     * @return a task completing with the open WebSocket, or failing with the handshake's error
     */
    public static Task<WebSocket> connect(HttpClient client, URI uri, int maxMessage) {
        EventLoop loop = EventLoop.current();
        Session s = new Session(loop, Limits.positive("maxMessage", maxMessage));
        Promise<WebSocket> p = new Promise<>();
        Bridge.task(loop, client.newWebSocketBuilder().buildAsync(uri, s)).addDoneCallback(t -> {
            if (t.isCancelled()) {
                p.cancel();
            } else if (t.exception() != null) {
                p.fail(t.exception());
            } else {
                s.ws = t.result();
                p.complete(s);
            }
        });
        return p;
    }

    /** The listener (JDK threads) and the WebSocket (loop thread). */
    static final class Session implements WebSocket, java.net.http.WebSocket.Listener {
        static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

        final EventLoop loop;
        final int maxMessage;
        volatile java.net.http.WebSocket ws;

        // JDK threads only (the JDK calls the listener one call at a time).
        private StringBuilder text;
        private ByteArrayOutputStream binary;

        // Loop thread only.
        private final ArrayDeque<Message> inbox = new ArrayDeque<>();
        private WebSocketClosedException closed;
        private Promise<Message> waiter;
        private boolean requested;
        private int closeCode = -1;
        private boolean closing;
        private final Promise<Void> peerClosed = new Promise<>();
        private final ArrayDeque<WebSocketSession.Ping> pings = new ArrayDeque<>();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Session(EventLoop loop, int maxMessage) {
            this.loop = loop;
            this.maxMessage = maxMessage;
        }

        // ---------------------------------------------------------------- listener (JDK threads)

        @Override
        public void onOpen(java.net.http.WebSocket webSocket) {
            // No request(1) here: messages are read only when receive() asks for one.
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            if (text == null) {
                text = new StringBuilder();
            }
            text.append(data);
            if (text.length() > maxMessage) {
                tooBig(webSocket);
            } else if (last) {
                Message m = Message.text(text.toString());
                text = null;
                loop.callSoonThreadsafe(() -> arrived(m));
            } else {
                webSocket.request(1); // the rest of this message
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
            if (binary == null) {
                binary = new ByteArrayOutputStream();
            }
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.write(b, 0, b.length);
            if (binary.size() > maxMessage) {
                tooBig(webSocket);
            } else if (last) {
                Message m = Message.of(false, binary.toByteArray());
                binary = null;
                loop.callSoonThreadsafe(() -> arrived(m));
            } else {
                webSocket.request(1);
            }
            return null;
        }

        private void tooBig(java.net.http.WebSocket webSocket) {
            text = null;
            binary = null;
            webSocket.abort();
            loop.callSoonThreadsafe(() -> ended(new WebSocketClosedException(1009, "message larger than " + maxMessage + " bytes")));
        }

        @Override
        public CompletionStage<?> onPing(java.net.http.WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1); // the JDK answers the ping itself; the demand was for a message
            return null;
        }

        @Override
        public CompletionStage<?> onPong(java.net.http.WebSocket webSocket, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            webSocket.request(1);
            loop.callSoonThreadsafe(() -> ponged(b));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
            // Returning null lets the JDK answer with its own close frame at once.
            loop.callSoonThreadsafe(() -> ended(new WebSocketClosedException(statusCode, reason)));
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket webSocket, Throwable error) {
            loop.callSoonThreadsafe(() -> {
                WebSocketClosedException e = new WebSocketClosedException(1006, "connection lost: " + error);
                e.initCause(error);
                ended(e);
            });
        }

        // ---------------------------------------------------------------- loop side

        private void arrived(Message m) {
            requested = false;
            if (closing && closed == null) {
                requested = true;
                ws.request(1); // closing: keep reading until the peer's close frame
            }
            Promise<Message> w = waiter;
            waiter = null;
            if (w == null || !w.complete(m)) {
                inbox.add(m); // nobody waiting (or the waiter was cancelled): keep it for the next receive
            }
        }

        /** A pong answers its ping and every older one; an unsolicited one is ignored. */
        private void ponged(byte[] payload) {
            boolean known = pings.stream().anyMatch(p -> java.util.Arrays.equals(p.payload(), payload));
            while (known) {
                WebSocketSession.Ping p = pings.poll();
                p.pong().complete(null);
                known = !java.util.Arrays.equals(p.payload(), payload);
            }
        }

        private void ended(WebSocketClosedException e) {
            if (closed != null) {
                return;
            }
            closed = e;
            WebSocketSession.Ping p;
            while ((p = pings.poll()) != null) {
                p.pong().fail(new WebSocketClosedException(e.code(), e.reason()));
            }
            if (closeCode == -1) {
                closeCode = e.code();
            }
            peerClosed.complete(null);
            Promise<Message> w = waiter;
            waiter = null;
            if (w != null) {
                w.fail(e);
            }
        }

        @Override
        public Task<Message> receive() {
            if (!inbox.isEmpty()) {
                return Task.completed(inbox.poll());
            }
            if (closed != null) {
                return Task.failed(new WebSocketClosedException(closed.code(), closed.reason()));
            }
            if (waiter != null && !waiter.isDone()) {
                throw new IllegalStateException("another task is already receiving on this WebSocket: one receive at a time");
            }
            Promise<Message> p = new Promise<>();
            waiter = p;
            if (!requested) {
                requested = true;
                ws.request(1);
            }
            return p;
        }

        @Override
        public Task<Void> sendText(String text) {
            return send(() -> ws.sendText(text, true));
        }

        @Override
        public Task<Void> sendBinary(byte[] data) {
            ByteBuffer b = ByteBuffer.wrap(data.clone());
            return send(() -> ws.sendBinary(b, true));
        }

        @Override
        public Task<Void> ping(byte[] data) {
            if (data.length > 125) {
                throw new IllegalArgumentException("a ping carries at most 125 bytes (RFC 6455 5.5), got " + data.length);
            }
            if (closed != null) {
                return Task.failed(new WebSocketClosedException(closed.code(), closed.reason()));
            }
            Promise<Void> pong = new Promise<>();
            byte[] copy = data.clone();
            pings.add(new WebSocketSession.Ping(copy, pong));
            Task<Void> sent = send(() -> ws.sendPing(ByteBuffer.wrap(copy)));
            sent.addDoneCallback(t -> {
                if (!t.isCancelled() && t.exception() != null) {
                    pong.fail(t.exception());
                }
            });
            if (!requested) {
                requested = true; // the pong is delivered only on demand; a message arriving first waits in the inbox
                ws.request(1);
            }
            return pong;
        }

        /** The JDK allows one outstanding send: each starts when the previous one is done. */
        private Task<Void> send(Supplier<CompletableFuture<java.net.http.WebSocket>> op) {
            if (closed != null) {
                return Task.failed(new WebSocketClosedException(closed.code(), closed.reason()));
            }
            CompletableFuture<java.net.http.WebSocket> next = sending.handle((v, e) -> null).thenCompose(x -> op.get());
            sending = next;
            Promise<Void> p = new Promise<>();
            Bridge.task(loop, next).addDoneCallback(t -> {
                if (t.isCancelled()) {
                    p.cancel();
                } else if (t.exception() != null) {
                    p.fail(t.exception());
                } else {
                    p.complete(null);
                }
            });
            return p;
        }

        @Override
        public Task<Void> close(int code, String reason) {
            if (closeCode == -1) {
                closeCode = code;
            }
            closing = true;
            if (closed == null && !ws.isOutputClosed()) {
                sending = sending.handle((v, e) -> null).thenCompose(x -> ws.sendClose(code, reason == null ? "" : reason));
            }
            Promise<Void> done = new Promise<>();
            if (peerClosed.isDone()) {
                done.complete(null);
                return done;
            }
            // The peer's close frame arrives through onClose, which needs demand to be delivered.
            if (!requested) {
                requested = true;
                ws.request(1);
            }
            org.asyncio4j.Handle timer = loop.callLater(CLOSE_WAIT, () -> {
                ws.abort(); // the peer did not answer our close in time
                ended(new WebSocketClosedException(1006, "no close frame from the peer within " + CLOSE_WAIT.toMillis() + " ms"));
            });
            peerClosed.addDoneCallback(t -> {
                timer.cancel();
                done.complete(null);
            });
            return done;
        }

        @Override
        public int closeCode() {
            return closeCode;
        }
    }
}

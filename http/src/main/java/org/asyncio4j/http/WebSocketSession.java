package org.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Lock;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The server side of one WebSocket, on the connection the upgrade request came on: handshake,
 * receive (frames pulled from the stream only while someone receives), send, close handshake.
 * The processor generates {@code AsyncWebSocketSession}.
 */
class WebSocketSession implements WebSocket {
    /** How long our close waits for the peer's close frame before closing the connection anyway. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    final HttpConnection conn;
    final Request request;
    final int maxMessage;
    final Limits limits;
    final FrameCodec codec;
    int closeCode = -1;
    String closeReason = "";
    boolean closeSent;
    boolean closeReceived;
    boolean receiving;
    final Promise<Void> peerClosed = new Promise<>();

    /** One data message is sent at a time: its frames must not interleave with another's (RFC 6455 5.4). */
    final Lock sendLock = new Lock();
    /** Pings sent and not answered yet, oldest first. */
    final ArrayDeque<Ping> pings = new ArrayDeque<>();
    /** Frames received so far: any frame shows the peer is alive (the keep-alive's test). */
    long framesHeard;
    /** Loop time at which the receive in progress began. */
    long receiveSince;
    /**
     * A receive started by {@link #ping} because no one was receiving (a pong is only seen by
     * reading): the next {@link #receive()} returns it. It holds at most one message, so reading
     * still stops while the handler does not receive.
     */
    Task<Message> readAhead;

    record Ping(byte[] payload, Promise<Void> pong) {}

    WebSocketSession(HttpConnection conn, Request request, Limits limits) {
        this.conn = conn;
        this.request = request;
        this.limits = limits;
        this.maxMessage = limits.maxWebSocketMessage;
        this.codec = new FrameCodec(maxMessage);
    }

    /** Why {@code r} is not a valid RFC 6455 upgrade (status and message), or null if it is. */
    static HttpError checkHandshake(Request r) {
        if (!r.method().equals("GET") || !r.headers().hasToken("Upgrade", "websocket")
                || !r.headers().hasToken("Connection", "upgrade")) {
            return new HttpError(426, "This is a WebSocket endpoint: send GET with Upgrade: websocket and Connection: Upgrade");
        }
        if (!"13".equals(r.header("Sec-WebSocket-Version"))) {
            return new HttpError(426, "Unsupported Sec-WebSocket-Version " + r.header("Sec-WebSocket-Version") + ": only 13");
        }
        String key = r.header("Sec-WebSocket-Key");
        try {
            if (key == null || Base64.getDecoder().decode(key.trim()).length != 16) {
                return new HttpError(400, "Sec-WebSocket-Key must be 16 random bytes in base64");
            }
        } catch (IllegalArgumentException e) {
            return new HttpError(400, "Sec-WebSocket-Key is not base64: " + key);
        }
        return null;
    }

    @Async
    Task<Void> run(WebSocketHandler handler) {
        HttpError bad = checkHandshake(request);
        if (bad != null) {
            Await.on(conn.send(request.method(), Response.text(bad.status, bad.getMessage() + "\n")
                    .header("Sec-WebSocket-Version", "13"), false));
            return Task.completed();
        }
        String accept = WebSocketUtils.hashKey(request.header("Sec-WebSocket-Key").trim());
        conn.writer.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        Await.on(conn.writer.drain());
        Task<Void> work = Asyncio.createTask(() -> handler.handle(request, this), "websocket " + request);
        Task<Void> keepAlive = limits.webSocketPingInterval == null ? null
                : Asyncio.createTask(this::keepAlive, "websocket keep-alive " + request);
        Throwable failure;
        try {
            failure = Await.on(HttpConnection.settle(work));
        } catch (CancelledError e) {
            work.cancel();
            throw e;
        } finally {
            if (keepAlive != null) {
                keepAlive.cancel();
            }
        }
        boolean peerGone = failure instanceof WebSocketClosedException || failure instanceof IOException;
        if (failure != null && !peerGone && !(failure instanceof CancelledError)) {
            EventLoop.current().callExceptionHandler("WebSocket handler failed on " + request + " (closed with 1011)", failure, work);
        }
        if (failure == null || !peerGone) {
            Await.on(close(failure == null ? CloseStatus.NORMAL : CloseStatus.SERVER_ERROR, failure == null ? "" : "server error"));
        }
        conn.writer.close();
        if (readAhead != null) {
            readAhead.cancel(); // the handler is done: nobody will take the message it waits for
        }
        return Task.completed();
    }

    /**
     * Pings every interval; closes with 1011 when no frame at all arrived within the timeout of a
     * ping while the connection was read the whole time. While a received message waits for the
     * handler nothing is read, so silence then proves nothing and the next interval tries again.
     */
    @Async
    Task<Void> keepAlive() {
        EventLoop loop = EventLoop.current();
        Duration timeout = limits.webSocketPingTimeout;
        long n = 0;
        while (true) {
            Await.on(Asyncio.sleep(limits.webSocketPingInterval));
            if (closeSent || closeReceived) {
                return Task.completed();
            }
            long heard = framesHeard;
            Promise<Void> pong = sendPing(ByteBuffer.allocate(8).putLong(++n).array());
            // Read after the ping: a receive it started itself (no one was receiving) counts as reading since it.
            long sentAt = loop.time();
            try (Timeout t = Asyncio.timeout(timeout)) {
                Await.on(pong);
            } catch (AsyncTimeoutException e) {
                if (framesHeard == heard && receiving && receiveSince <= sentAt) {
                    fail(CloseStatus.SERVER_ERROR, "keepalive ping timeout: no pong within " + timeout.toMillis() + " ms");
                    return Task.completed();
                }
            } catch (WebSocketClosedException e) {
                return Task.completed();
            }
        }
    }

    /**
     * Sends a ping with {@code data} (at most 125 bytes) and completes when the peer's pong with the
     * same data arrives. Pongs are read with the messages: when no task is receiving, this starts a
     * receive whose message the next {@link #receive()} returns. Fails with
     * {@link WebSocketClosedException} if the WebSocket closes first.
     */
    @Async
    @Override
    public Task<Void> ping(byte[] data) {
        if (data.length > 125) {
            throw new IllegalArgumentException("a ping carries at most 125 bytes (RFC 6455 5.5), got " + data.length);
        }
        if (closeSent || closeReceived) {
            throw closed();
        }
        Await.on(sendPing(data.clone()));
        return Task.completed();
    }

    /** Writes a ping; the promise completes at its pong. Starts a read-ahead receive if no one receives. */
    Promise<Void> sendPing(byte[] data) {
        Promise<Void> pong = new Promise<>();
        pings.add(new Ping(data, pong));
        conn.writer.write(codec.encode(OpCode.PING, true, data));
        if (!receiving && readAhead == null) {
            Task<Message> t = receiveFrames();
            // Its failure (the WebSocket closed) is the next receive's to report, or nobody's.
            t.addDoneCallback(x -> {
                if (!x.isCancelled()) {
                    x.exception();
                }
            });
            readAhead = t;
        }
        return pong;
    }

    /** A pong answers its ping and every older one (RFC 6455 5.5.3: a pong may answer only the latest). */
    void onPong(byte[] payload) {
        boolean known = false;
        for (Ping p : pings) {
            if (Arrays.equals(p.payload(), payload)) {
                known = true;
                break;
            }
        }
        while (known) {
            Ping p = pings.poll();
            p.pong().complete(null);
            known = !Arrays.equals(p.payload(), payload);
        }
    }

    /** The WebSocket closed: no pong will come. */
    void endPings() {
        Ping p;
        while ((p = pings.poll()) != null) {
            p.pong().fail(closed());
        }
    }

    @Override
    public int closeCode() {
        return closeCode;
    }

    WebSocketClosedException closed() {
        return new WebSocketClosedException(closeCode == -1 ? CloseStatus.NO_CLOSE : closeCode, closeReason);
    }

    /** Ends the conversation on a protocol fault: our close frame with {@code code}, then the connection closes. */
    WebSocketClosedException fail(int code, String reason) {
        if (!closeSent) {
            closeSent = true;
            conn.writer.write(codec.encode(OpCode.CLOSE, true, payloadOf(code, reason)));
        }
        if (closeCode == -1) {
            closeCode = code;
            closeReason = reason;
        }
        conn.writer.close();
        peerClosed.complete(null);
        endPings();
        return closed();
    }

    static byte[] payloadOf(int code, String reason) {
        ByteBuffer b = CloseStatus.asPayloadBuffer(code, reason.length() > 100 ? reason.substring(0, 100) : reason);
        byte[] r = new byte[b.remaining()];
        b.get(r);
        return r;
    }

    /** The next frame from the connection; a lost connection is a close with code 1006. */
    @Async
    Task<FrameCodec.WsFrame> nextFrame() {
        while (true) {
            if (conn.in.hasRemaining()) {
                FrameCodec.WsFrame f;
                try {
                    f = codec.next(conn.in);
                } catch (MessageTooLargeException e) {
                    throw fail(CloseStatus.MESSAGE_TOO_LARGE, "message larger than " + maxMessage + " bytes");
                } catch (WebSocketException e) {
                    throw fail(CloseStatus.PROTOCOL, "protocol error: " + e.getMessage());
                }
                if (f != null) {
                    framesHeard++;
                    if (!f.masked()) {
                        throw fail(CloseStatus.PROTOCOL, "client frames must be masked (RFC 6455 5.1)");
                    }
                    if (f.rsv()) {
                        // No extension is ever negotiated here, so every reserved bit must be 0 (RFC 6455 5.2).
                        throw fail(CloseStatus.PROTOCOL, "reserved bits set but no extension was negotiated");
                    }
                    return Task.completed(f);
                }
            }
            byte[] b;
            try {
                b = Await.on(conn.reader.read(HttpConnection.READ_SIZE));
            } catch (Exception e) {
                b = new byte[0]; // reset by the peer: the same as a close without a close frame
            }
            if (b.length == 0) {
                closeReceived = true;
                if (closeCode == -1) {
                    closeCode = CloseStatus.NO_CLOSE;
                    closeReason = "connection lost without a close frame";
                }
                peerClosed.complete(null);
                endPings();
                conn.writer.abort();
                throw closed();
            }
            conn.in = ByteBuffer.wrap(b);
        }
    }

    @Override
    public Task<Message> receive() {
        Task<Message> t = readAhead;
        if (t != null) {
            readAhead = null;
            return t; // started by a ping while no one received: this is the next message
        }
        return receiveFrames();
    }

    @Async
    Task<Message> receiveFrames() {
        if (closeReceived || closeSent && receiving) {
            throw closed();
        }
        if (receiving) {
            throw new IllegalStateException("another task is already receiving on this WebSocket: one receive at a time");
        }
        receiving = true;
        receiveSince = EventLoop.current().time();
        try {
            while (true) {
                Message m = onFrame(Await.on(nextFrame()));
                if (m != null) {
                    return Task.completed(m);
                }
            }
        } finally {
            receiving = false;
        }
    }

    /** The fragments of the message being received (null between messages). */
    ByteArrayOutputStream parts;
    boolean partsText;

    /** Handles one frame: the message it completes, or null; throws once the WebSocket is closed. */
    Message onFrame(FrameCodec.WsFrame f) {
        byte op = f.opcode();
        if (op == OpCode.PING) {
            if (!closeSent) {
                conn.writer.write(codec.encode(OpCode.PONG, true, f.payload()));
            }
            return null;
        }
        if (op == OpCode.PONG) {
            onPong(f.payload()); // an unsolicited one is ignored (RFC 6455 5.5.3)
            return null;
        }
        if (op == OpCode.CLOSE) {
            throw onClose(f.payload());
        }
        if (op == OpCode.TEXT || op == OpCode.BINARY) {
            if (parts != null) {
                throw fail(CloseStatus.PROTOCOL, "a new message started before the previous one's last fragment");
            }
            if (f.fin()) {
                return message(op == OpCode.TEXT, f.payload());
            }
            partsText = op == OpCode.TEXT;
            parts = new ByteArrayOutputStream();
            parts.write(f.payload(), 0, f.payload().length);
            return null;
        }
        if (op != OpCode.CONTINUATION) {
            throw fail(CloseStatus.PROTOCOL, "unknown opcode " + op);
        }
        if (parts == null) {
            throw fail(CloseStatus.PROTOCOL, "a continuation frame with no message started");
        }
        if ((long) parts.size() + f.payload().length > maxMessage) {
            throw fail(CloseStatus.MESSAGE_TOO_LARGE, "message larger than " + maxMessage + " bytes");
        }
        parts.write(f.payload(), 0, f.payload().length);
        if (!f.fin()) {
            return null;
        }
        byte[] whole = parts.toByteArray();
        parts = null;
        return message(partsText, whole);
    }

    Message message(boolean text, byte[] payload) {
        if (text) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
            } catch (CharacterCodingException e) {
                throw fail(CloseStatus.BAD_PAYLOAD, "text message is not valid UTF-8");
            }
        }
        return Message.of(text, payload);
    }

    /** The peer's close frame: answered with the same code (RFC 6455 5.5.1), then the connection closes. */
    WebSocketClosedException onClose(byte[] payload) {
        CloseStatus status;
        try {
            status = new CloseStatus(ByteBuffer.wrap(payload));
        } catch (WebSocketException e) {
            return fail(CloseStatus.PROTOCOL, "bad close frame: " + e.getMessage());
        }
        closeReceived = true;
        if (closeCode == -1) {
            closeCode = status.getCode();
            closeReason = status.getReason() == null ? "" : status.getReason();
        }
        if (!closeSent) {
            closeSent = true;
            byte[] echo = status.getCode() == CloseStatus.NO_CODE ? new byte[0] : payloadOf(status.getCode(), "");
            conn.writer.write(codec.encode(OpCode.CLOSE, true, echo));
        }
        conn.writer.close();
        peerClosed.complete(null);
        endPings();
        return closed();
    }

    @Override
    public Task<Void> sendText(String text) {
        return send(OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Task<Void> sendBinary(byte[] data) {
        return send(OpCode.BINARY, data.clone());
    }

    /**
     * Sends one message as frames of at most the frame size, draining after each: a slow peer makes
     * this wait, and pongs or a close may go out between the fragments (RFC 6455 5.4).
     */
    @Async
    Task<Void> send(byte opcode, byte[] payload) {
        if (closeSent || closeReceived) {
            throw closed();
        }
        int frame = limits.webSocketFrameSize;
        Await.on(sendLock.acquire());
        try {
            int off = 0;
            byte op = opcode;
            do {
                if (closeSent || closeReceived) {
                    throw closed(); // closed between two fragments: the rest of the message is not sent
                }
                int n = Math.min(frame, payload.length - off);
                byte[] part = n == payload.length ? payload : Arrays.copyOfRange(payload, off, off + n);
                off += n;
                conn.writer.write(codec.encode(op, off == payload.length, part));
                op = OpCode.CONTINUATION;
                Await.on(conn.writer.drain());
            } while (off < payload.length);
        } finally {
            sendLock.release();
        }
        return Task.completed();
    }

    @Async
    @Override
    public Task<Void> close(int code, String reason) {
        if (!closeSent) {
            closeSent = true;
            if (closeCode == -1) {
                closeCode = code;
                closeReason = reason == null ? "" : reason;
            }
            conn.writer.write(codec.encode(OpCode.CLOSE, true, payloadOf(code, reason == null ? "" : reason)));
        }
        if (!closeReceived) {
            try (Timeout t = Asyncio.timeout(CLOSE_WAIT)) {
                if (receiving) {
                    Await.on(Asyncio.shield(peerClosed)); // the receiving task will see the peer's close
                } else {
                    while (!closeReceived) {
                        FrameCodec.WsFrame f = Await.on(nextFrame());
                        if (f.opcode() == OpCode.CLOSE) {
                            closeReceived = true; // data still in flight before it is dropped (RFC 6455 1.4)
                        }
                    }
                }
            } catch (AsyncTimeoutException | WebSocketClosedException e) {
                // the peer did not answer in time, or the connection is gone: close anyway
            }
        }
        endPings();
        conn.writer.close();
        return Task.completed();
    }
}

package org.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    final FrameCodec codec;
    int closeCode = -1;
    String closeReason = "";
    boolean closeSent;
    boolean closeReceived;
    boolean receiving;
    final Promise<Void> peerClosed = new Promise<>();

    WebSocketSession(HttpConnection conn, Request request, int maxMessage) {
        this.conn = conn;
        this.request = request;
        this.maxMessage = maxMessage;
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
        Throwable failure;
        try {
            failure = Await.on(HttpConnection.settle(work));
        } catch (CancelledError e) {
            work.cancel();
            throw e;
        }
        boolean peerGone = failure instanceof WebSocketClosedException || failure instanceof IOException;
        if (failure != null && !peerGone && !(failure instanceof CancelledError)) {
            EventLoop.current().callExceptionHandler("WebSocket handler failed on " + request + " (closed with 1011)", failure, work);
        }
        if (failure == null || !peerGone) {
            Await.on(close(failure == null ? CloseStatus.NORMAL : CloseStatus.SERVER_ERROR, failure == null ? "" : "server error"));
        }
        conn.writer.close();
        return Task.completed();
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
                conn.writer.abort();
                throw closed();
            }
            conn.in = ByteBuffer.wrap(b);
        }
    }

    @Async
    @Override
    public Task<Message> receive() {
        if (closeReceived || closeSent && receiving) {
            throw closed();
        }
        if (receiving) {
            throw new IllegalStateException("another task is already receiving on this WebSocket: one receive at a time");
        }
        receiving = true;
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
            return null; // unsolicited, or the answer to a ping we never send (RFC 6455 5.5.3)
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

    @Async
    Task<Void> send(byte opcode, byte[] payload) {
        if (closeSent || closeReceived) {
            throw closed();
        }
        conn.writer.write(codec.encode(opcode, true, payload));
        Await.on(conn.writer.drain());
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
        conn.writer.close();
        return Task.completed();
    }
}

package org.asyncio4j.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;

/**
 * TLS over a plain stream pair through the JDK's {@link SSLEngine} (asyncio's {@code SSLProtocol}).
 * Ciphertext comes from the plain {@link StreamReader} in reads of up to 32 KB and goes to the plain
 * {@link StreamWriter}; the application's {@link StreamReader} gets the decrypted bytes. Loop thread only.
 *
 * <ul>
 * <li>Read back-pressure: when the application's reader pauses this transport, no further plain read
 *     is issued, so the plain reader fills, pauses the socket, and TCP slows the peer.</li>
 * <li>Write back-pressure: every write is encrypted at once; the buffer {@code drain()} sees is the
 *     plain writer's (plus plaintext queued during the handshake).</li>
 * <li>Renegotiation (a new handshake on a TLS 1.2 connection) is refused: the connection is aborted
 *     with an {@link SSLException}. TLS 1.3 has none; its post-handshake messages are served.</li>
 * <li>{@link #close()} sends close_notify; a peer's close_notify is the application's EOF, and a
 *     plain EOF without it fails the reader (truncation).</li>
 * <li>The engine's delegated tasks (certificate checks, key exchange) run on the loop thread: they
 *     are CPU work of a few milliseconds, done once per handshake.</li>
 * </ul>
 */
final class TlsTransport extends Transport {
    private static final int READ_SIZE = 32 * 1024;

    private final SSLEngine engine;
    private final StreamReader plainIn;
    private final StreamWriter plainOut;
    private final StreamReader app;
    private final Promise<Void> handshake = new Promise<>();
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private int queuedBytes;
    private ByteBuffer netIn = ByteBuffer.allocate(0);
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean handshaken;
    private boolean reading;
    private boolean readPaused;
    private boolean watchingDrain;
    private boolean inboundDone;
    private TimerHandle handshakeTimer;

    TlsTransport(EventLoop loop, SSLEngine engine, StreamReader plainIn, StreamWriter plainOut, StreamReader app) {
        super(loop);
        this.engine = engine;
        this.plainIn = plainIn;
        this.plainOut = plainOut;
        this.app = app;
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        app.setTransport(this);
        plainOut.waitClosed().addDoneCallback(t -> {
            Throwable e = t.isCancelled() ? null : t.exception();
            if (!handshake.isDone()) {
                handshake.fail(e != null ? e : new SSLException("the connection closed during the TLS handshake"));
            }
            connectionLost(e);
        });
    }

    /** Starts the handshake; the task completes when it is done, fails on error or after {@code timeout}. */
    Task<Void> start(Duration timeout) {
        if (timeout != null) {
            handshakeTimer = loop.callLater(timeout, () -> {
                if (!handshake.isDone()) {
                    fail(new AsyncTimeoutException("the TLS handshake did not finish within " + timeout));
                }
            });
        }
        try {
            engine.beginHandshake();
            step();
        } catch (SSLException | RuntimeException e) {
            fail(e);
        }
        return handshake;
    }

    // ------------------------------------------------------------------ engine

    /** Runs the engine as far as it can go without more input from the peer. */
    private void step() throws SSLException {
        while (!lost) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (handshaken && hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED
                    && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
                throw new SSLException("TLS renegotiation refused: the peer started a new handshake on an established "
                        + engine.getSession().getProtocol() + " connection");
            }
            switch (hs) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> {
                    SSLEngineResult r = wrap(ByteBuffer.allocate(0));
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOnce()) {
                        readMore();
                        return;
                    }
                }
                default -> { // NOT_HANDSHAKING or FINISHED
                    if (!handshaken) {
                        handshakeDone();
                    }
                    if (!unwrapOnce()) {
                        readMore();
                        return;
                    }
                }
            }
        }
    }

    private void handshakeDone() {
        handshaken = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        while (!queued.isEmpty()) {
            byte[] b = queued.poll();
            queuedBytes -= b.length;
            encrypt(b, 0, b.length);
        }
        handshake.complete(null);
        afterFlush();
    }

    /** One unwrap of buffered ciphertext; false when more bytes from the peer are needed. */
    private boolean unwrapOnce() throws SSLException {
        if (inboundDone) {
            return false;
        }
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                return false;
            }
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            }
            case CLOSED -> {
                inboundDone = true; // the peer's close_notify: the application's EOF
                deliver();
                app.feedEof();
                if (!engine.isOutboundDone()) {
                    close();
                }
                return false;
            }
            default -> {
                deliver();
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0
                        || r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING;
            }
        }
    }

    private void deliver() {
        if (appIn.position() > 0) {
            appIn.flip();
            byte[] b = new byte[appIn.remaining()];
            appIn.get(b);
            appIn.clear();
            app.feedData(b);
        }
    }

    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining() && !plainOut.isClosing()) {
                byte[] b = new byte[netOut.remaining()];
                netOut.get(b);
                plainOut.write(b);
            }
            return r;
        }
    }

    private void encrypt(byte[] data, int off, int len) {
        ByteBuffer src = ByteBuffer.wrap(data, off, len);
        try {
            while (src.hasRemaining()) {
                SSLEngineResult r = wrap(src);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the TLS connection is closed for writing");
                }
            }
        } catch (SSLException e) {
            fail(e);
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer g = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        g.put(b);
        return g;
    }

    // ------------------------------------------------------------------ reading ciphertext

    private void readMore() {
        if (reading || lost || inboundDone || (handshaken && readPaused)) {
            return;
        }
        reading = true;
        plainIn.read(READ_SIZE).addDoneCallback(t -> {
            reading = false;
            if (t.isCancelled()) {
                return;
            }
            Throwable e = t.exception();
            if (e != null) {
                fail(e);
                return;
            }
            byte[] b = t.result();
            if (b.length == 0) {
                plainEof();
                return;
            }
            netIn.compact();
            if (netIn.remaining() < b.length) {
                netIn = grow(netIn, b.length);
            }
            netIn.put(b).flip();
            try {
                step();
            } catch (SSLException | RuntimeException x) {
                fail(x);
            }
        });
    }

    /** A plain EOF: fine after the peer's close_notify, a truncation (or a failed handshake) before it. */
    private void plainEof() {
        if (inboundDone) {
            return;
        }
        inboundDone = true;
        try {
            engine.closeInbound();
            app.feedEof();
        } catch (SSLException e) {
            SSLException cause = new SSLException(handshaken
                    ? "the peer closed the connection without a TLS close_notify (the data may be truncated)"
                    : "the peer closed the connection during the TLS handshake", e);
            fail(cause);
            return;
        }
        close();
    }

    /** A fatal error: fails the handshake or the application's reader, and aborts the connection. */
    private void fail(Throwable e) {
        if (!handshake.isDone()) {
            handshake.fail(e);
        }
        if (app.exception() == null && !app.atEof()) {
            app.setException(e);
        }
        if (!lost) {
            closing = true;
            plainOut.abort();
        }
    }

    // ------------------------------------------------------------------ Transport

    @Override
    int writeBufferSize() {
        return queuedBytes + plainOut.writeBufferSize();
    }

    @Override
    void write(byte[] data, int off, int len) {
        if (userClosed) {
            throw new IllegalStateException("write after close() on a TLS stream");
        }
        if (lost || closing) {
            return; // as asyncio: writes after the connection is lost are dropped (drain() reports it)
        }
        if (!handshaken) {
            byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
            queued.add(copy);
            queuedBytes += len;
        } else {
            encrypt(data, off, len);
        }
        afterWrite();
        watchDrain();
    }

    /** When above the high-water mark, waits for the plain writer to drain, then re-checks ours. */
    private void watchDrain() {
        if (watchingDrain || writeBufferSize() <= highWater() || !handshaken) {
            return;
        }
        watchingDrain = true;
        plainOut.drain().addDoneCallback(t -> {
            watchingDrain = false;
            if (!t.isCancelled() && t.exception() == null) {
                afterFlush();
                watchDrain();
            }
        });
    }

    @Override
    boolean canWriteEof() {
        return false;
    }

    @Override
    void writeEof() {
        throw new UnsupportedOperationException("a TLS stream cannot half-close: close() sends close_notify and closes");
    }

    @Override
    void close() {
        userClosed = true;
        if (closing) {
            return;
        }
        closing = true;
        if (!handshaken) {
            plainOut.abort();
            return;
        }
        engine.closeOutbound();
        try {
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = wrap(ByteBuffer.allocate(0));
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            app.setException(e);
        }
        plainOut.close();
    }

    @Override
    void abort() {
        closing = true;
        plainOut.abort();
    }

    @Override
    SocketAddress peerAddress() {
        return plainOut.peerAddress();
    }

    @Override
    SocketAddress localAddress() {
        return plainOut.localAddress();
    }

    @Override
    void pauseReading() {
        readPaused = true;
    }

    @Override
    void resumeReading() {
        readPaused = false;
        readMore();
    }

    SSLEngine engine() {
        return engine;
    }
}

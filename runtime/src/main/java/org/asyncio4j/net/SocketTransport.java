package org.asyncio4j.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.asyncio4j.EventLoop;
import org.asyncio4j.spi.IoDriver;

/**
 * A connected TCP socket on the loop's selector (asyncio's {@code _SelectorSocketTransport} plus
 * {@code StreamReaderProtocol}): reads into its {@link StreamReader}, writes from its own buffer.
 *
 * <p>Hot path: a read goes through the loop's shared direct buffer straight into the reader's array;
 * a write is first tried directly on the socket and only the rest is copied into the write buffer
 * (one array reused, compacted in place).
 */
final class SocketTransport extends Transport implements IoDriver.Handler {
    private static final int KEEP_CAPACITY = 256 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final SocketChannel channel;
    private final StreamReader reader;
    private final SelectionKey key;
    private final SocketAddress peer;
    private final SocketAddress local;
    /** Called once when the connection is lost (the server forgets it); may be null. */
    private Runnable onLost;

    private byte[] out = EMPTY;
    private int outStart;
    private int outEnd;
    private ByteBuffer outView;

    private int ops;
    private boolean readPaused;
    private boolean eofReceived;
    /** writeEof() was called; the socket's output is shut once the buffer is empty. */
    private boolean eofRequested;
    private boolean outputShut;
    private long droppedWrites;

    /** Takes over {@code channel}, already registered as {@code key} (its attachment is replaced). */
    SocketTransport(EventLoop loop, SocketChannel channel, SelectionKey key, StreamReader reader) throws IOException {
        super(loop);
        this.channel = channel;
        this.reader = reader;
        this.key = key;
        this.peer = channel.getRemoteAddress();
        this.local = channel.getLocalAddress();
        reader.setTransport(this);
        key.attach(this);
        updateInterest();
    }

    /** Registers a freshly connected or accepted {@code channel} and wraps it. */
    static SocketTransport open(EventLoop loop, SocketChannel channel, StreamReader reader) throws IOException {
        SelectionKey k = loop.io().register(channel, 0, key -> {});
        try {
            return new SocketTransport(loop, channel, k, reader);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    void setOnLost(Runnable r) {
        this.onLost = r;
    }

    SocketChannel channel() {
        return channel;
    }

    StreamReader reader() {
        return reader;
    }

    private void updateInterest() {
        int want = 0;
        if (!readPaused && !eofReceived && !closing) {
            want |= SelectionKey.OP_READ;
        }
        if (outEnd > outStart) {
            want |= SelectionKey.OP_WRITE;
        }
        if (want != ops && key.isValid()) {
            ops = want;
            key.interestOps(want);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        int r = k.readyOps();
        if ((r & SelectionKey.OP_WRITE) != 0) {
            onWritable();
        }
        if ((r & SelectionKey.OP_READ) != 0 && !closing && !readPaused && !eofReceived) {
            onReadable();
        }
    }

    // ------------------------------------------------------------------ reading

    private void onReadable() {
        ByteBuffer b = io.readBuffer();
        int n;
        try {
            n = channel.read(b);
        } catch (IOException e) {
            fatal(e);
            return;
        }
        if (n > 0) {
            b.flip();
            reader.feed(b);
        } else if (n < 0) {
            // Half-close from the peer: stop reading but keep the transport open so that we can still
            // write (asyncio's StreamReaderProtocol.eof_received returns True).
            eofReceived = true;
            updateInterest();
            reader.feedEof();
        }
    }

    @Override
    void pauseReading() {
        readPaused = true;
        updateInterest();
    }

    @Override
    void resumeReading() {
        readPaused = false;
        updateInterest();
    }

    // ------------------------------------------------------------------ writing

    @Override
    int writeBufferSize() {
        return outEnd - outStart;
    }

    @Override
    void write(byte[] data, int off, int len) {
        assert io.inLoopThread() : "StreamWriter used off its loop thread";
        if (eofRequested) {
            throw new IllegalStateException("write() after writeEof(): the output side of " + this + " is shut");
        }
        if (userClosed) {
            throw new IllegalStateException("write() after close() on " + this);
        }
        if (len == 0) {
            return;
        }
        if (closing) {
            // The connection broke (asyncio drops these writes too); drain() reports why.
            droppedWrites++;
            return;
        }
        if (outEnd == outStart) {
            int w;
            try {
                if (len <= IoDriver.READ_BUFFER_SIZE) {
                    ByteBuffer wb = io.writeBuffer();
                    wb.put(data, off, len).flip();
                    w = channel.write(wb);
                } else {
                    w = channel.write(ByteBuffer.wrap(data, off, len));
                }
            } catch (IOException e) {
                fatal(e);
                return;
            }
            off += w;
            len -= w;
            if (len == 0) {
                return;
            }
        }
        append(data, off, len);
        updateInterest();
        afterWrite();
    }

    private void append(byte[] data, int off, int len) {
        int size = outEnd - outStart;
        if (out.length - outEnd < len) {
            if (out.length - size >= len && outStart >= size) {
                System.arraycopy(out, outStart, out, 0, size);
            } else {
                byte[] nb = new byte[Math.max(Math.max(out.length * 2, size + len), 4096)];
                System.arraycopy(out, outStart, nb, 0, size);
                out = nb;
                outView = null;
            }
            outStart = 0;
            outEnd = size;
        }
        System.arraycopy(data, off, out, outEnd, len);
        outEnd += len;
    }

    private void onWritable() {
        if (outEnd > outStart) {
            ByteBuffer v = outView;
            if (v == null) {
                v = outView = ByteBuffer.wrap(out);
            }
            v.limit(outEnd).position(outStart);
            try {
                outStart += channel.write(v);
            } catch (IOException e) {
                fatal(e);
                return;
            }
            if (outStart == outEnd) {
                outStart = 0;
                outEnd = 0;
                if (out.length > KEEP_CAPACITY) {
                    out = EMPTY;
                    outView = null;
                }
            }
            updateInterest();
            afterFlush();
        }
        if (outEnd == outStart) {
            if (eofRequested && !outputShut) {
                shutOutput();
            }
            if (userClosed && !lost) {
                finish(null);
            }
        }
    }

    private void shutOutput() {
        outputShut = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatal(e);
        }
    }

    @Override
    boolean canWriteEof() {
        return true;
    }

    @Override
    void writeEof() {
        if (closing || eofRequested) {
            return;
        }
        eofRequested = true;
        if (outEnd == outStart) {
            shutOutput();
        }
    }

    // ------------------------------------------------------------------ closing

    @Override
    void close() {
        assert io.inLoopThread() : "StreamWriter used off its loop thread";
        if (closing) {
            userClosed = true;
            return;
        }
        userClosed = true;
        closing = true;
        updateInterest();
        if (outEnd == outStart) {
            // As asyncio: connection_lost runs on the next iteration, not inside close().
            loop.callSoon(() -> finish(null));
        }
    }

    @Override
    void abort() {
        forceClose(null);
    }

    /** A socket error: drop the buffer, close, and report {@code e} to the reader and drain(). */
    private void fatal(IOException e) {
        forceClose(e);
    }

    private void forceClose(Throwable cause) {
        if (lost) {
            return;
        }
        outStart = 0;
        outEnd = 0;
        closing = true;
        updateInterest();
        // Close the socket at once (no more I/O on it); tell the stream on the next iteration, as asyncio.
        closeChannel();
        loop.callSoon(() -> finish(cause));
    }

    /** asyncio's _call_connection_lost: close the socket, end the reader, wake drain/waitClosed. */
    private void finish(Throwable cause) {
        if (lost) {
            return;
        }
        closeChannel();
        if (cause != null) {
            reader.setException(cause);
        } else if (!eofReceived) {
            eofReceived = true;
            reader.feedEof();
        }
        connectionLost(cause);
    }

    private void closeChannel() {
        if (channel.isOpen()) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                loop.callExceptionHandler("closing " + channel + " failed", e, null);
            }
        }
    }

    @Override
    void onLost() {
        Runnable r = onLost;
        onLost = null;
        if (r != null) {
            r.run();
        }
    }

    long droppedWrites() {
        return droppedWrites;
    }

    @Override
    SocketAddress peerAddress() {
        return peer;
    }

    @Override
    SocketAddress localAddress() {
        return local;
    }

    @Override
    public String toString() {
        return "SocketTransport[" + local + " -> " + peer + (lost ? ", closed" : closing ? ", closing" : "")
                + (outEnd > outStart ? ", buffered=" + (outEnd - outStart) : "") + "]";
    }
}

package org.asyncio4j.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.asyncio4j.EventLoop;
import org.asyncio4j.spi.IoDriver;

/**
 * Writes to a blocking {@link OutputStream} (a subprocess's stdin) from a helper thread that runs
 * only while there is something to write. The write buffer is counted on the loop, so
 * {@code drain()} works as for sockets. For a pipe, {@code writeEof()} and {@code close()} are the
 * same: flush, then close the pipe (asyncio's {@code _UnixWritePipeTransport}).
 */
final class PipeWriteTransport extends Transport implements IoDriver.Finishing {
    private final OutputStream out;
    private final String name;
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean pumpActive;
    private boolean endQueued;
    private boolean discard;
    // loop thread only
    private int buffered;
    private boolean eofRequested;

    PipeWriteTransport(EventLoop loop, OutputStream out, String name) {
        super(loop);
        this.out = out;
        this.name = name;
    }

    void start() {
        io.track(this);
    }

    @Override
    int writeBufferSize() {
        return buffered;
    }

    @Override
    void write(byte[] data, int off, int len) {
        assert io.inLoopThread() : "StreamWriter used off its loop thread";
        if (eofRequested) {
            throw new IllegalStateException("write() after writeEof()/close() on " + this);
        }
        if (len == 0) {
            return;
        }
        if (closing) {
            return; // the pipe broke (asyncio drops these writes too); drain() reports why
        }
        byte[] chunk = Arrays.copyOfRange(data, off, off + len);
        buffered += len;
        synchronized (lock) {
            queue.add(chunk);
            startPumpLocked();
        }
        afterWrite();
    }

    private void startPumpLocked() {
        if (!pumpActive) {
            pumpActive = true;
            PipeThreads.run(this::pump);
        }
    }

    private void pump() {
        try {
            while (true) {
                byte[] chunk;
                synchronized (lock) {
                    chunk = discard ? null : queue.poll();
                    if (chunk == null && !endQueued) {
                        pumpActive = false;
                        return;
                    }
                }
                if (chunk == null) {
                    out.close();
                    post(() -> connectionLost(null));
                    return;
                }
                out.write(chunk);
                out.flush();
                int n = chunk.length;
                post(() -> flushed(n));
            }
        } catch (IOException e) {
            synchronized (lock) {
                queue.clear();
                pumpActive = false;
            }
            try {
                out.close();
            } catch (IOException ce) {
                e.addSuppressed(ce);
            }
            post(() -> broken(e));
        }
    }

    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException closedLoop) {
            // The loop is closed and has reported this pipe as left open; nothing is waiting any more.
        }
    }

    private void flushed(int n) {
        buffered -= n;
        afterFlush();
    }

    private void broken(IOException e) {
        buffered = 0;
        closing = true;
        connectionLost(e);
    }

    @Override
    void onLost() {
        io.untrack(this);
    }

    @Override
    boolean canWriteEof() {
        return true;
    }

    @Override
    void writeEof() {
        if (eofRequested || closing) {
            return;
        }
        eofRequested = true;
        closing = true;
        synchronized (lock) {
            endQueued = true;
            startPumpLocked();
        }
    }

    @Override
    public void close() {
        userClosed = true;
        writeEof();
    }

    /** Closed by its owner with nothing left to write: only the helper's close of the stream remains. */
    @Override
    public boolean ended() {
        return closing && buffered == 0;
    }

    /** Drops what is queued and closes the pipe (on a helper thread: a blocked write holds its lock). */
    @Override
    void abort() {
        eofRequested = true;
        closing = true;
        buffered = 0;
        synchronized (lock) {
            discard = true;
            endQueued = true;
            queue.clear();
            startPumpLocked();
        }
    }

    @Override
    SocketAddress peerAddress() {
        return null;
    }

    @Override
    SocketAddress localAddress() {
        return null;
    }

    @Override
    public String toString() {
        return "PipeWriteTransport[" + name + (lost ? ", closed" : closing ? ", closing" : "")
                + (buffered > 0 ? ", buffered=" + buffered : "") + "]";
    }
}

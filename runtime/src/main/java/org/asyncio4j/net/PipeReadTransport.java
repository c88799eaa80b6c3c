package org.asyncio4j.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.util.Arrays;
import org.asyncio4j.EventLoop;
import org.asyncio4j.spi.IoDriver;

/**
 * Reads a blocking {@link InputStream} (a subprocess's stdout or stderr) on a helper thread into a
 * {@link StreamReader} on the loop. Flow control: while the reader is paused the thread stops
 * reading, so a chatty process blocks on its full pipe instead of filling our memory.
 */
final class PipeReadTransport extends Transport implements IoDriver.Finishing {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final StreamReader reader;
    private final String name;
    private final Object lock = new Object();
    private boolean paused; // guarded by lock
    /** A chunk handed to the loop and not yet fed to the reader (guarded by lock): at most one. */
    private boolean inFlight;
    private volatile boolean stopped;
    /** Counted down when the pump has read the end of the pipe (or stopped): only the loop's callback is left. */
    private final java.util.concurrent.CountDownLatch pumpDone = new java.util.concurrent.CountDownLatch(1);
    /** How long a close of the loop gives the pump to reach the end of a pipe whose writer is gone. */
    private static final long END_GRACE_MS = 100;

    PipeReadTransport(EventLoop loop, InputStream in, StreamReader reader, String name) {
        super(loop);
        this.in = in;
        this.reader = reader;
        this.name = name;
        reader.setTransport(this);
    }

    void start() {
        io.track(this);
        PipeThreads.run(this::pump);
    }

    private void pump() {
        byte[] b = new byte[CHUNK];
        try {
            while (true) {
                synchronized (lock) {
                    while (paused && !stopped) {
                        lock.wait();
                    }
                }
                if (stopped) {
                    pumpDone.countDown();
                    post(() -> ended(null));
                    return;
                }
                int n = in.read(b);
                if (n < 0) {
                    pumpDone.countDown();
                    post(() -> ended(null));
                    return;
                }
                if (n > 0) {
                    byte[] chunk = Arrays.copyOf(b, n);
                    synchronized (lock) {
                        inFlight = true;
                    }
                    post(() -> fed(chunk));
                    // Wait until the loop has fed it: then a pause it caused is seen before the next
                    // read, so what is buffered stays within 2 * limit + one chunk.
                    synchronized (lock) {
                        while (inFlight && !stopped) {
                            lock.wait();
                        }
                    }
                }
            }
        } catch (IOException e) {
            pumpDone.countDown();
            post(() -> ended(stopped ? null : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pumpDone.countDown();
            post(() -> ended(e));
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                post(() -> loop.callExceptionHandler("closing " + name + " failed", e, null));
            }
        }
    }

    /** Hands {@code r} to the loop; a closed loop (already reported what was open) stops the pump. */
    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException closedLoop) {
            stopped = true;
        }
    }

    private void fed(byte[] chunk) {
        if (!lost && !reader.atEof()) {
            reader.feedData(chunk);
        }
        synchronized (lock) {
            inFlight = false;
            lock.notifyAll();
        }
    }

    private void ended(Throwable error) {
        if (lost) {
            return;
        }
        if (error != null) {
            reader.setException(error);
        } else {
            reader.feedEof();
        }
        io.untrack(this);
        connectionLost(error);
    }

    @Override
    void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    void resumeReading() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    @Override
    int writeBufferSize() {
        return 0;
    }

    @Override
    void write(byte[] data, int off, int len) {
        throw new UnsupportedOperationException(name + " is a read pipe");
    }

    @Override
    boolean canWriteEof() {
        return false;
    }

    @Override
    void writeEof() {
        throw new UnsupportedOperationException(name + " is a read pipe");
    }

    /**
     * At loop close: whether the pipe has ended by itself, its end only not yet handed to the loop (the pump
     * thread read it, or reads it within a moment because the writer, an exited process, is gone). asyncio
     * closes a subprocess's pipes when it exits; such a pipe is no leak. A pipe still being written is.
     */
    @Override
    public boolean ended() {
        if (lost) {
            return true;
        }
        try {
            return pumpDone.await(END_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the pump; the reader sees end of stream. (A read blocked in the pipe ends when the writer closes it.) */
    @Override
    public void close() {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (!lost) {
            closing = true;
            io.untrack(this);
            if (!reader.atEof() && reader.exception() == null) {
                reader.feedEof();
            }
            connectionLost(null);
        }
    }

    @Override
    void abort() {
        close();
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
        return "PipeReadTransport[" + name + (lost ? ", closed" : "") + "]";
    }
}

package org.asyncio4j.net;

import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import org.asyncio4j.EventLoop;
import org.asyncio4j.spi.IoDriver;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * What a {@link StreamWriter} writes to and a {@link StreamReader} throttles: asyncio's transport and
 * the flow-control half of {@code StreamReaderProtocol} in one. Subclasses: {@link SocketTransport}
 * (selector), {@link PipeWriteTransport} and {@link PipeReadTransport} (helper threads).
 *
 * <p>Write flow control as asyncio's {@code FlowControlMixin}: once the write buffer passes the
 * high-water mark, {@code drain()} waits until it falls to the low-water mark (or the connection is lost).
 */
abstract class Transport {
    static final int DEFAULT_HIGH_WATER = 64 * 1024;

    final EventLoop loop;
    final IoDriver io;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    /** Above the high-water mark: drain() waits. */
    private boolean writePaused;
    /** connection_lost has run: the channel is closed and the outcome below is final. */
    boolean lost;
    Throwable lostCause;
    /** close() was called by the user (writes after it are a programming error). */
    boolean userClosed;
    /** Closing for any reason (close, abort, fatal error); no more reads. */
    boolean closing;
    /** null, one Promise, or an ArrayList of them. */
    private Object drainWaiters;
    /** Each waitClosed() caller gets its own promise, so cancelling one waiter cancels no other. */
    private ArrayList<Promise<Void>> closedWaiters;

    Transport(EventLoop loop) {
        this.loop = loop;
        this.io = loop.io();
    }

    abstract int writeBufferSize();

    abstract void write(byte[] data, int off, int len);

    abstract boolean canWriteEof();

    abstract void writeEof();

    /** Flushes what is buffered, then closes. Idempotent. */
    abstract void close();

    /** Closes now, dropping buffered data. */
    abstract void abort();

    abstract SocketAddress peerAddress();

    abstract SocketAddress localAddress();

    /** Reader flow control: stop reading from the peer (its sends then block in TCP). */
    void pauseReading() {}

    void resumeReading() {}

    // ------------------------------------------------------------------ write flow control

    final void setWriteBufferLimits(int high, int low) {
        if (high < 0 || low < 0 || low > high) {
            throw new IllegalArgumentException("write buffer limits need 0 <= low <= high, got high=" + high + " low=" + low);
        }
        highWater = high;
        lowWater = low;
        afterWrite();
        afterFlush();
    }

    final int highWater() {
        return highWater;
    }

    final int lowWater() {
        return lowWater;
    }

    /** Call after data was added to the write buffer. */
    final void afterWrite() {
        if (!writePaused && writeBufferSize() > highWater) {
            writePaused = true;
        }
    }

    /** Call after some of the write buffer was sent. */
    final void afterFlush() {
        if (writePaused && writeBufferSize() <= lowWater) {
            writePaused = false;
            wakeDrainers(null);
        }
    }

    final Task<Void> drain() {
        if (lost) {
            return Task.failed(lostCause != null ? lostCause : connectionLost());
        }
        if (closing) {
            // asyncio yields once here so that a connection_lost already scheduled by close() runs
            // first; then drain fails with "Connection lost" instead of returning as if all was sent.
            Promise<Void> p = new Promise<>();
            loop.callSoon(() -> {
                Task<Void> t = drain();
                if (t.isDone()) {
                    transfer(t, p);
                } else {
                    t.addDoneCallback(done -> transfer(done, p));
                }
            });
            return p;
        }
        if (!writePaused) {
            return Task.completed();
        }
        Promise<Void> p = new Promise<>();
        Object w = drainWaiters;
        if (w == null) {
            drainWaiters = p;
        } else if (w instanceof ArrayList<?> list) {
            @SuppressWarnings("unchecked")
            ArrayList<Object> l = (ArrayList<Object>) list;
            l.add(p);
        } else {
            ArrayList<Object> l = new ArrayList<>(4);
            l.add(w);
            l.add(p);
            drainWaiters = l;
        }
        return p;
    }

    private static void transfer(Task<Void> from, Promise<Void> to) {
        if (from.isCancelled()) {
            to.cancel();
            return;
        }
        Throwable e = from.exception();
        if (e != null) {
            to.fail(e);
        } else {
            to.complete(null);
        }
    }

    @SuppressWarnings("unchecked")
    private void wakeDrainers(Throwable cause) {
        Object w = drainWaiters;
        drainWaiters = null;
        if (w == null) {
            return;
        }
        if (w instanceof ArrayList<?> list) {
            for (Object o : list) {
                wake((Promise<Void>) o, cause);
            }
        } else {
            wake((Promise<Void>) w, cause);
        }
    }

    private static void wake(Promise<Void> p, Throwable cause) {
        if (p.isDone()) {
            return; // its drain() was cancelled
        }
        if (cause == null) {
            p.complete(null);
        } else {
            p.fail(cause);
        }
    }

    static SocketException connectionLost() {
        return new SocketException("Connection lost");
    }

    // ------------------------------------------------------------------ closing

    /** The end of the connection (asyncio's connection_lost); {@code cause} null for a clean close. */
    final void connectionLost(Throwable cause) {
        assert io.inLoopThread();
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        lostCause = cause;
        wakeDrainers(cause);
        ArrayList<Promise<Void>> cw = closedWaiters;
        closedWaiters = null;
        if (cw != null) {
            for (Promise<Void> c : cw) {
                wake(c, cause);
            }
        }
        onLost();
    }

    /** Hook run once after {@link #connectionLost}: detach from the server, forget the resource. */
    void onLost() {}

    /** asyncio's {@code wait_closed()}: done when the connection is closed; fails with what broke it. */
    final Task<Void> waitClosed() {
        if (lost) {
            return lostCause == null ? Task.completed() : Task.failed(lostCause);
        }
        if (closedWaiters == null) {
            closedWaiters = new ArrayList<>(2);
        }
        Promise<Void> p = new Promise<>();
        closedWaiters.add(p);
        return p;
    }
}

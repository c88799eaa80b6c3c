package org.asyncio4j.spi;

import org.asyncio4j.EventLoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The loop's NIO selector: the low-level I/O API that {@code org.asyncio4j.net} and
 * {@code org.asyncio4j.process} are built on (asyncio's {@code add_reader}/{@code add_writer}).
 * Get it with {@link EventLoop#io()}; loop thread only.
 *
 * <p>A channel is registered once with a {@link Handler}; {@link #setInterest} changes which of
 * {@link SelectionKey#OP_READ}, {@code OP_WRITE}, {@code OP_ACCEPT}, {@code OP_CONNECT} it waits for.
 * Ready handlers run during the iteration's I/O phase, before due timers are moved to the ready queue.
 *
 * <p>Resources that are not selector channels (subprocesses, pipe pumps) are {@link #track tracked}
 * here too, so that closing the loop closes and reports whatever its user left open.
 */
public final class IoDriver {
    /** Called on the loop thread when a registered channel is ready. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles the channel's readiness.
         *
         * @param key the channel's key, with its ready operations
         * @throws IOException reported to the loop's exception handler; the loop goes on
         */
        void ready(SelectionKey key) throws IOException;
    }

    /** Size of {@link #readBuffer()}: the largest UDP datagram fits, and a TCP read rarely returns more. */
    public static final int READ_BUFFER_SIZE = 64 * 1024;

    private final EventLoop loop;
    private final Selector selector;
    private final java.util.function.BooleanSupplier wakeIfHostIdle;
    /** One direct buffer for every read on this loop: read, copy out, done (no per-read allocation). */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    /** The same for writes: copy in, write, done (the JDK would otherwise fetch a per-thread temporary buffer). */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    private final Set<AutoCloseable> resources = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Reused for every select: the selector calls it per ready key (no selected-key set, no iterator). */
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private boolean dispatching;

    /**
     * Made by {@link EventLoop} for itself, one per loop; the runtime's code only.
     *
     * @param loop the loop whose thread alone uses this driver
     * @param selector the loop's selector
     * @param wakeIfHostIdle under a {@link org.asyncio4j.LoopHost} that idles, wakes the loop's wait on the
     *     host's waiter thread and returns true (a change of interest must reach a select under way there);
     *     false otherwise
     */
    public IoDriver(EventLoop loop, Selector selector, java.util.function.BooleanSupplier wakeIfHostIdle) {
        this.loop = loop;
        this.selector = selector;
        this.wakeIfHostIdle = wakeIfHostIdle;
    }

    /**
     * Registers a channel, making it non-blocking.
     *
     * @param channel the channel
     * @param ops the {@link SelectionKey} operations to wait for; 0 to start idle
     * @param handler called on the loop thread when the channel is ready
     * @return the channel's key, for {@link #setInterest}
     * @throws IllegalStateException if the channel is closed
     * @throws java.io.UncheckedIOException if the channel cannot be made non-blocking
     */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) {
        assert loop.inEventLoop();
        try {
            if (channel.isBlocking()) {
                channel.configureBlocking(false);
            }
            SelectionKey key = channel.register(selector, ops, handler);
            wakeIfHostIdle.getAsBoolean(); // a select under way on a host's waiter thread would not see it
            return key;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("cannot register a closed channel " + channel, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Changes which operations a registered channel waits for.
     *
     * @param key the channel's key from {@link #register}
     * @param ops the {@link SelectionKey} operations; 0 to idle
     */
    public void setInterest(SelectionKey key, int ops) {
        assert loop.inEventLoop();
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
            wakeIfHostIdle.getAsBoolean();
        }
    }

    /**
     * Number of channels registered and not yet closed. (A closed channel's key stays in the
     * selector until its next select; it is not counted.)
     *
     * @return the number of valid keys
     */
    public int registered() {
        int n = 0;
        for (SelectionKey k : selector.keys()) {
            if (k.isValid()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The loop's shared direct read buffer, cleared. Loop thread only; its contents are valid until the
     * caller returns to the loop, so copy them out at once.
     *
     * @return the buffer, position 0 and limit {@link #READ_BUFFER_SIZE}
     */
    public ByteBuffer readBuffer() {
        assert loop.inEventLoop();
        return readBuffer.clear();
    }

    /**
     * The loop's shared direct write buffer, cleared ({@link #READ_BUFFER_SIZE} bytes). Loop thread
     * only; fill it, write it, and copy what was not written elsewhere before returning to the loop.
     *
     * @return the buffer, position 0 and limit {@link #READ_BUFFER_SIZE}
     */
    public ByteBuffer writeBuffer() {
        assert loop.inEventLoop();
        return writeBuffer.clear();
    }

    /**
     * Whether the caller runs on the loop's own thread (for assertions in code outside this package).
     *
     * @return true on the loop thread
     */
    public boolean inLoopThread() {
        return loop.inEventLoop();
    }

    /**
     * Remembers a non-channel resource that {@link EventLoop#close()} must close and report if still open.
     *
     * @param resource a subprocess, a pipe pump, ...; a {@link Finishing} one is not reported once ended
     */
    public void track(AutoCloseable resource) {
        assert loop.inEventLoop();
        resources.add(resource);
    }

    /**
     * A tracked resource that may have ended on its own although its owner has not seen it yet (a
     * subprocess that exited, a pipe its owner already closed that is still flushing). At loop close
     * one that {@link #ended()} is closed without being reported as left open: asyncio closes a
     * subprocess's pipes when the process exits, so they are no leak.
     */
    public interface Finishing extends AutoCloseable {
        /**
         * Whether the resource has ended (or its owner closed it): closing it at loop close is no leak.
         *
         * @return true once ended
         */
        boolean ended();
    }

    /**
     * Forgets a resource its owner closed.
     *
     * @param resource the resource given to {@link #track}
     */
    public void untrack(AutoCloseable resource) {
        assert loop.inEventLoop();
        resources.remove(resource);
    }

    /**
     * Number of tracked non-channel resources still open (subprocesses, pipes).
     *
     * @return the count
     */
    public int tracked() {
        return resources.size();
    }

    /**
     * Makes the operating system forget channels closed since the last select. The JDK defers the
     * real close of a channel registered with a selector until its key leaves the selector: a closed
     * listening socket would go on accepting (and then resetting) connections until then. Readiness of
     * other channels is not lost (the selector is level-triggered; the next select reports it again).
     * No effect while the selector is dispatching (the close completes with the current select).
     */
    public void releaseClosed() {
        assert loop.inEventLoop();
        if (dispatching || wakeIfHostIdle.getAsBoolean()) {
            return; // under an idle host, the select that ends the idle releases them (and selecting here would block)
        }
        try {
            selector.selectNow(k -> {});
        } catch (IOException e) {
            loop.callExceptionHandler("selector failed", e, null);
        }
    }

    /**
     * The loop's I/O phase: waits up to {@code timeoutNanos} (0: poll; negative: until a channel is ready or
     * the selector is woken) and runs the handlers of the ready channels. Called by {@link EventLoop} only.
     *
     * @param timeoutNanos how long to wait, in nanoseconds; 0 polls, negative waits without limit
     */
    public void select(long timeoutNanos) {
        dispatching = true;
        try {
            doSelect(timeoutNanos);
        } finally {
            dispatching = false;
        }
    }

    private void doSelect(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow(dispatch);
            } else if (timeoutNanos < 0) {
                selector.select(dispatch);
            } else {
                long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
                selector.select(dispatch, ms);
            }
        } catch (IOException e) {
            loop.callExceptionHandler("selector failed", e, null);
        }
    }

    /**
     * Under a {@link org.asyncio4j.LoopHost}: waits on the host's waiter thread, not the loop's, until a channel is
     * ready, {@code timeoutNanos} pass (-1: no limit) or the loop is woken; dispatches nothing (the
     * selector is level-triggered, so the loop's next select reports the same channels). Called by
     * {@link EventLoop} only.
     *
     * @param timeoutNanos how long to wait, in nanoseconds; negative waits without limit
     */
    public void awaitReady(long timeoutNanos) {
        try {
            if (timeoutNanos < 0) {
                selector.select(k -> {});
            } else {
                selector.select(k -> {}, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
            }
        } catch (IOException e) {
            loop.callExceptionHandler("selector failed", e, null);
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed by an earlier handler of this same select
        }
        Handler h = (Handler) key.attachment();
        try {
            h.ready(key);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
            loop.callExceptionHandler("Exception in I/O handler for " + key.channel(), t, null);
        }
    }

    /** At loop close: closes every channel and resource still open and reports each one. Called by {@link EventLoop} only. */
    public void closeAll() {
        // Resources that ended by themselves first; closing one may end others (a process's stdin).
        boolean progress = true;
        while (progress) {
            progress = false;
            for (AutoCloseable r : new ArrayList<>(resources)) {
                if (r instanceof Finishing f && resources.contains(r) && f.ended()) {
                    resources.remove(r);
                    progress = true;
                    try {
                        r.close();
                    } catch (Exception e) {
                        loop.callExceptionHandler("closing " + r + " failed", e, null);
                    }
                }
            }
        }
        List<AutoCloseable> left = new ArrayList<>(resources);
        resources.clear();
        for (AutoCloseable r : left) {
            loop.callExceptionHandler("still open when the event loop closed; closing it: " + r, null, null);
            try {
                r.close();
            } catch (Exception e) {
                loop.callExceptionHandler("closing " + r + " failed", e, null);
            }
        }
        List<SelectionKey> keys = new ArrayList<>(selector.keys());
        for (SelectionKey k : keys) {
            SelectableChannel ch = k.channel();
            if (ch.isOpen()) {
                loop.callExceptionHandler("channel still open when the event loop closed; closing it: " + ch, null, null);
                try {
                    ch.close();
                } catch (IOException e) {
                    loop.callExceptionHandler("closing " + ch + " failed", e, null);
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            loop.callExceptionHandler("closing the selector failed", e, null);
        }
    }
}

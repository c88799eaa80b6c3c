package org.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The loop's NIO selector: the low-level I/O API that {@code org.asyncio4j.net} and
 * {@code org.asyncio4j.process} are built on (asyncio's {@code add_reader}/{@code add_writer}).
 * Get it with {@link EventLoop#io()}; loop thread only.
 *
 * <p>A channel is registered once with a {@link Handler}; {@link #setInterest} changes which of
 * {@link SelectionKey#OP_READ}, {@code OP_WRITE}, {@code OP_ACCEPT}, {@code OP_CONNECT} it waits for.
 * Ready handlers run during the iteration's I/O phase, before due timers are moved to the ready queue.
 */
public final class IoDriver {
    /** Called on the loop thread when a registered channel is ready. */
    @FunctionalInterface
    public interface Handler {
        void ready(SelectionKey key) throws IOException;
    }

    private final EventLoop loop;
    private final Selector selector;

    IoDriver(EventLoop loop, Selector selector) {
        this.loop = loop;
        this.selector = selector;
    }

    /** Registers a non-blocking {@code channel}; {@code ops} may be 0 to start idle. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) {
        assert loop.inEventLoop();
        try {
            if (channel.isBlocking()) {
                channel.configureBlocking(false);
            }
            return channel.register(selector, ops, handler);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("cannot register a closed channel " + channel, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void setInterest(SelectionKey key, int ops) {
        assert loop.inEventLoop();
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Number of channels registered (open keys). */
    public int registered() {
        return selector.keys().size();
    }

    void select(long timeoutNanos) {
        int n;
        try {
            if (timeoutNanos == 0) {
                n = selector.selectNow();
            } else if (timeoutNanos < 0) {
                n = selector.select();
            } else {
                long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
                n = selector.select(ms);
            }
        } catch (IOException e) {
            loop.report("selector failed", e, null);
            return;
        }
        if (n == 0) {
            return;
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            Handler h = (Handler) key.attachment();
            try {
                h.ready(key);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                loop.report("Exception in I/O handler for " + key.channel(), t, null);
            }
        }
    }

    /** At loop close: closes every channel still registered and reports each one. */
    void closeAll() {
        List<SelectionKey> keys = new ArrayList<>(selector.keys());
        for (SelectionKey k : keys) {
            SelectableChannel ch = k.channel();
            if (ch.isOpen()) {
                loop.report("channel still open when the event loop closed; closing it: " + ch, null, null);
                try {
                    ch.close();
                } catch (IOException e) {
                    loop.report("closing " + ch + " failed", e, null);
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            loop.report("closing the selector failed", e, null);
        }
    }
}

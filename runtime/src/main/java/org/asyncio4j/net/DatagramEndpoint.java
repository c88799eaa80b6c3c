package org.asyncio4j.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.spi.IoDriver;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * A UDP socket on the loop's selector (asyncio's {@code create_datagram_endpoint}, with a pull API
 * instead of a protocol): {@link #send}/{@link #sendTo} never block, {@link #receive()} waits for the
 * next datagram. Datagrams are whole messages; there is no connection and no end of stream.
 *
 * <p>Received datagrams nobody has asked for yet are queued (up to {@value #MAX_QUEUED}); beyond
 * that the endpoint stops reading and the operating system drops what arrives, as UDP may. Errors the
 * socket reports (e.g. {@link java.net.PortUnreachableException} on a connected endpoint) go to the
 * next {@link #receive()} in order with the datagrams, as asyncio's {@code error_received}.
 * Loop thread only.
 */
public final class DatagramEndpoint implements AsyncCloseable {
    static final int MAX_QUEUED = 1024;
    private static final int RECEIVES_PER_EVENT = 64;

    private final EventLoop loop;
    private final IoDriver io;
    private final DatagramChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    /** Datagram or Throwable, oldest first. */
    private final ArrayDeque<Object> received = new ArrayDeque<>();
    private final ArrayDeque<Promise<Datagram>> receivers = new ArrayDeque<>();
    private final ArrayDeque<Object[]> sendQueue = new ArrayDeque<>();
    private final List<Promise<Void>> closeWaiters = new ArrayList<>();
    private boolean closing;
    private boolean closed;

    private DatagramEndpoint(EventLoop loop, DatagramChannel channel, InetSocketAddress remote) throws IOException {
        this.loop = loop;
        this.io = loop.io();
        this.channel = channel;
        this.remote = remote;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.key = io.register(channel, SelectionKey.OP_READ, this::ready);
    }

    /**
     * Opens a UDP socket bound to {@code local} (null: any port of the remote's family) and, when
     * {@code remoteOrNull} is given, connected to it (then only {@link #send} is allowed and only that
     * peer's datagrams are received). Addresses must be resolved.
     * @param local the address to bind, or null for any free port
     * @param remoteOrNull the only peer to talk to, or null to send to and receive from anyone
     * @return a task completing with the open endpoint; it fails with the bind's or connect's
     *     {@link java.io.IOException}
     */
    public static Task<DatagramEndpoint> open(InetSocketAddress local, InetSocketAddress remoteOrNull) {
        if (local == null && remoteOrNull == null) {
            throw new IllegalArgumentException("openDatagramEndpoint needs a local address, a remote address, or both");
        }
        for (InetSocketAddress a : new InetSocketAddress[] {local, remoteOrNull}) {
            if (a != null && a.isUnresolved()) {
                throw new IllegalArgumentException("unresolved address " + a
                        + ": pass a resolved InetSocketAddress (e.g. new InetSocketAddress(\"127.0.0.1\", port))");
            }
        }
        EventLoop loop = EventLoop.current();
        InetSocketAddress family = local != null && !local.getAddress().isAnyLocalAddress() ? local : remoteOrNull;
        DatagramChannel ch = null;
        try {
            ch = family != null && family.getAddress() instanceof Inet6Address
                    ? DatagramChannel.open(StandardProtocolFamily.INET6)
                    : family != null ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
            ch.configureBlocking(false);
            ch.bind(local);
            if (remoteOrNull != null) {
                ch.connect(remoteOrNull);
            }
            return Task.completed(new DatagramEndpoint(loop, ch, remoteOrNull));
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ce) {
                    e.addSuppressed(ce);
                }
            }
            return Task.failed(e);
        }
    }

    /**
     * The address the socket is bound to, with the port the system picked when none was asked for.
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * The connected peer, or null.
     * @return the connected peer's address, or null if the endpoint is not connected
     */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Sends {@code data} to the connected peer.
     * @param data one datagram's payload; not null
     * @throws IllegalStateException if the endpoint is not connected (use {@link #sendTo} then)
     */
    public void send(byte[] data) {
        if (remote == null) {
            throw new IllegalStateException("send() needs a connected endpoint (open it with a remote address);"
                    + " use sendTo(data, address) instead");
        }
        enqueue(data, null);
    }

    /**
     * Sends {@code data} as one datagram to {@code target}.
     * @param data one datagram's payload; not null
     * @param target the receiver's resolved address; not null
     */
    public void sendTo(byte[] data, SocketAddress target) {
        Objects.requireNonNull(target, "target");
        if (remote != null && !remote.equals(target)) {
            throw new IllegalArgumentException("this endpoint is connected to " + remote + "; it cannot send to " + target);
        }
        enqueue(data, remote != null ? null : target);
    }

    private void enqueue(byte[] data, SocketAddress target) {
        Objects.requireNonNull(data, "data");
        if (closing) {
            throw new IllegalStateException("send on a closed " + this);
        }
        if (sendQueue.isEmpty()) {
            try {
                int n = target == null ? channel.write(ByteBuffer.wrap(data)) : channel.send(ByteBuffer.wrap(data), target);
                if (n > 0 || data.length == 0) {
                    return;
                }
            } catch (IOException e) {
                deliver(e);
                return;
            }
        }
        sendQueue.add(new Object[] {data.clone(), target});
        updateInterest();
    }

    /**
     * The next datagram (or the next error the socket reported).
     * @return a task completing with the next datagram, or failing with the error the socket reported
     */
    public Task<Datagram> receive() {
        Object o = received.poll();
        if (o != null) {
            updateInterest(); // the queue has room again
            return o instanceof Datagram d ? Task.completed(d) : Task.failed((Throwable) o);
        }
        if (closing) {
            return Task.failed(new ClosedChannelException());
        }
        Promise<Datagram> p = new Promise<>();
        receivers.add(p);
        return p;
    }

    private void ready(SelectionKey k) {
        int r = k.readyOps();
        if ((r & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((r & SelectionKey.OP_READ) != 0 && !closing) {
            for (int i = 0; i < RECEIVES_PER_EVENT && received.size() < MAX_QUEUED; i++) {
                ByteBuffer b = io.readBuffer();
                SocketAddress from;
                try {
                    from = channel.receive(b);
                } catch (IOException e) {
                    deliver(e);
                    continue;
                }
                if (from == null) {
                    break;
                }
                b.flip();
                byte[] data = new byte[b.remaining()];
                b.get(data);
                deliver(new Datagram(data, (InetSocketAddress) from));
            }
            updateInterest();
        }
    }

    private void deliver(Object item) {
        Promise<Datagram> p;
        while ((p = receivers.poll()) != null) {
            if (p.isDone()) {
                continue; // its receive() was cancelled
            }
            if (item instanceof Datagram d) {
                p.complete(d);
            } else {
                p.fail((Throwable) item);
            }
            return;
        }
        received.add(item);
    }

    private void flush() {
        Object[] s;
        while ((s = sendQueue.peek()) != null) {
            byte[] data = (byte[]) s[0];
            SocketAddress target = (SocketAddress) s[1];
            int n;
            try {
                n = target == null ? channel.write(ByteBuffer.wrap(data)) : channel.send(ByteBuffer.wrap(data), target);
            } catch (IOException e) {
                sendQueue.poll();
                deliver(e);
                continue;
            }
            if (n == 0 && data.length > 0) {
                break; // socket buffer full: wait for OP_WRITE
            }
            sendQueue.poll();
        }
        updateInterest();
        if (closing && sendQueue.isEmpty()) {
            finishClose();
        }
    }

    private void updateInterest() {
        if (closed) {
            return;
        }
        int ops = 0;
        if (!closing && received.size() < MAX_QUEUED) {
            ops |= SelectionKey.OP_READ;
        }
        if (!sendQueue.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        io.setInterest(key, ops);
    }

    /** Stops receiving; queued sends still go out, then the socket closes. Idempotent. */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        Promise<Datagram> p;
        while ((p = receivers.poll()) != null) {
            if (!p.isDone()) {
                p.fail(new AsynchronousCloseException());
            }
        }
        if (sendQueue.isEmpty()) {
            finishClose();
        } else {
            updateInterest();
        }
    }

    private void finishClose() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            loop.callExceptionHandler("closing " + channel + " failed", e, null);
        }
        for (Promise<Void> w : closeWaiters) {
            w.complete(null);
        }
        closeWaiters.clear();
    }

    /**
     * Whether {@link #close()} was called (or the socket failed).
     * @return true once the endpoint is closing or closed
     */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Done when the socket is closed (after the queued sends went out).
     * @return a task that completes once the socket is closed
     */
    public Task<Void> waitClosed() {
        if (closed) {
            return Task.completed();
        }
        Promise<Void> p = new Promise<>();
        closeWaiters.add(p);
        return p;
    }

    @Override
    public Task<Void> closeAsync(Throwable pending) {
        close();
        return waitClosed();
    }

    @Override
    public String toString() {
        return "DatagramEndpoint[" + local + (remote != null ? " -> " + remote : "") + (closed ? ", closed" : "") + "]";
    }
}

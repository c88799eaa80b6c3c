package org.asyncio4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * {@code open_connection} as a hand-written machine: resolve, then try each address until one
 * connects. Whatever ends it early (a failure, a cancel at either await) closes the socket it holds.
 */
final class OpenConnection extends Coroutine<Connection> {
    private final EventLoop loop = EventLoop.current();
    private final String host;
    private final int port;
    /** A Unix domain socket's path (then host is null and nothing is resolved). */
    private final java.nio.file.Path unixPath;
    private java.net.SocketAddress[] addresses;
    private int next;
    private IOException firstError;
    private SocketChannel channel;
    private SelectionKey key;

    OpenConnection(String host, int port) {
        this.host = host;
        this.port = port;
        this.unixPath = null;
        setName("openConnection(" + host + ", " + port + ")");
    }

    /** asyncio's {@code open_unix_connection(path)}. */
    OpenConnection(java.nio.file.Path unixPath) {
        this.host = null;
        this.port = -1;
        this.unixPath = unixPath;
        setName("openUnixConnection(" + unixPath + ")");
    }

    Task<Connection> begin() {
        return start();
    }

    @Override
    @SuppressWarnings("fallthrough") // the machine's states continue into each other by design
    protected void resume() throws Throwable {
        switch (state) {
            case 0:
                if (unixPath != null) {
                    addresses = new java.net.SocketAddress[] {java.net.UnixDomainSocketAddress.of(unixPath)};
                    connectNext();
                    return;
                }
                if (await(Resolver.resolve(loop, host), 1)) return;
            case 1: {
                InetAddress[] resolved = awaited();
                addresses = new java.net.SocketAddress[resolved.length];
                for (int i = 0; i < resolved.length; i++) {
                    addresses[i] = new InetSocketAddress(resolved[i], port);
                }
                connectNext();
                return;
            }
            case 2:
                try {
                    awaited();
                } catch (Throwable t) {
                    closeChannel();
                    if (!(t instanceof IOException io)) {
                        throw t; // CancelledError included: the socket is closed, the cancel goes on
                    }
                    note(io);
                    connectNext();
                    return;
                }
                returnValue(established());
                return;
            default:
                throw new IllegalStateException("bad state " + state);
        }
    }

    /** Starts connecting to the next address; suspends (state 2), completes, or throws the first error. */
    private void connectNext() throws Throwable {
        while (true) {
            if (next >= addresses.length) {
                if (firstError == null) {
                    throw new java.net.UnknownHostException(host + ": no addresses");
                }
                throw firstError;
            }
            java.net.SocketAddress target = addresses[next++];
            SocketChannel ch = null;
            try {
                boolean inet = target instanceof InetSocketAddress;
                ch = SocketChannel.open(!inet ? java.net.StandardProtocolFamily.UNIX
                        : ((InetSocketAddress) target).getAddress() instanceof java.net.Inet6Address
                        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
                channel = ch;
                ch.configureBlocking(false);
                if (inet) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                if (ch.connect(target)) {
                    key = loop.io().register(ch, 0, k -> {});
                    returnValue(established());
                    return;
                }
                Promise<Void> connected = new Promise<>();
                SocketChannel c = ch;
                key = loop.io().register(ch, SelectionKey.OP_CONNECT, k -> {
                    boolean done;
                    Throwable failure = null;
                    try {
                        done = connected.isDone() || c.finishConnect();
                    } catch (IOException e) {
                        done = true; // (a failed finishConnect has also closed the channel)
                        failure = withTarget(e, target);
                    }
                    if (!done) {
                        return;
                    }
                    if (k.isValid()) {
                        k.interestOps(0); // connected: no more OP_CONNECT (it would stay ready and spin)
                    }
                    if (failure != null) {
                        connected.fail(failure);
                    } else {
                        connected.complete(null); // no-op if the connect was cancelled meanwhile
                    }
                });
                if (await(connected, 2)) return;
                throw new IllegalStateException("connect promise done before its first select");
            } catch (IOException e) {
                closeChannel();
                note(withTarget(e, target));
            }
        }
    }

    private static IOException withTarget(IOException e, java.net.SocketAddress target) {
        if (target instanceof java.net.UnixDomainSocketAddress u && (e.getMessage() == null || !e.getMessage().contains(" to "))) {
            // The JDK names neither the path nor the kind of failure for a Unix socket.
            IOException ue = e instanceof java.net.ConnectException
                    ? new java.net.ConnectException((e.getMessage() == null ? "Connection failed" : e.getMessage()) + " to unix socket " + u.getPath())
                    : new java.net.SocketException((e.getMessage() == null ? "Connection failed" : e.getMessage()) + ": unix socket " + u.getPath());
            ue.initCause(e);
            return ue;
        }
        if (e instanceof java.net.ConnectException && (e.getMessage() == null || !e.getMessage().contains(" to "))) {
            java.net.ConnectException ce = new java.net.ConnectException(
                    (e.getMessage() == null ? "Connection failed" : e.getMessage()) + " to " + target);
            ce.initCause(e);
            return ce;
        }
        return e;
    }

    private void note(IOException e) {
        if (firstError == null) {
            firstError = e;
        } else if (firstError != e) {
            firstError.addSuppressed(e);
        }
    }

    private Connection established() throws IOException {
        SocketChannel ch = channel;
        StreamReader reader = new StreamReader();
        SocketTransport t;
        try {
            t = new SocketTransport(loop, ch, key, reader);
        } catch (IOException | RuntimeException e) {
            closeChannel();
            throw e;
        }
        channel = null; // the transport owns it now
        key = null;
        return new Connection(reader, new StreamWriter(t, reader));
    }

    private void closeChannel() {
        SocketChannel ch = channel;
        channel = null;
        key = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                loop.callExceptionHandler("closing " + ch + " failed", e, this);
            }
        }
    }
}

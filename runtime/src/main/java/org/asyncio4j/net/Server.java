package org.asyncio4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * asyncio's {@code Server} from {@code start_server}: listening sockets on the loop's selector, one
 * handler task per connection. Loop thread only.
 *
 * <ul>
 * <li>A handler that fails is reported to the loop's exception handler with the peer's address and
 *   its connection is closed; other connections are not affected. A handler that returns closes its
 *   connection (after flushing) unless it already did.
 * <li>When {@code accept} fails for lack of resources (out of file descriptors, ...), the server
 *   reports it, stops accepting for one second and tries again, as asyncio does.
 * <li>{@link #close()} stops listening; {@link #waitClosed()} waits until the listening sockets are
 *   closed and every connection has ended (asyncio 3.12+).
 * </ul>
 */
public final class Server implements AsyncCloseable {
    /** asyncio's ACCEPT_RETRY_DELAY. */
    static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);
    /** Connections accepted per readiness event (asyncio's backlog default). */
    static final int ACCEPTS_PER_EVENT = 100;

    /** Seam for tests (simulated descriptor exhaustion); production accepts directly. */
    interface Acceptor {
        SocketChannel accept(ServerSocketChannel listener) throws IOException;
    }

    static volatile Acceptor acceptorForTests;

    private final EventLoop loop;
    private final BiFunction<StreamReader, StreamWriter, Task<Void>> handler;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<SelectionKey> keys = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    /** A Unix domain socket server's path, else null. */
    private java.nio.file.Path unixPath;
    /** The socket file as bound (to remove it at close only if it is still ours, as asyncio 3.13). */
    private Object unixFileKey;
    private final Set<SocketTransport> connections = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Promise<Void>> closeWaiters = new ArrayList<>();
    private final List<Promise<Void>> listenWaiters = new ArrayList<>();
    private final Acceptor acceptor;
    private boolean closed;
    private boolean acceptPaused;
    /** Where accepted connections go instead of being served here (LoopGroup's hand-off), or null. */
    private java.util.function.Consumer<SocketChannel> handOff;
    private int handlerFailures;

    private Server(EventLoop loop, BiFunction<StreamReader, StreamWriter, Task<Void>> handler) {
        this.loop = loop;
        this.handler = handler;
        Acceptor a = acceptorForTests;
        this.acceptor = a != null ? a : ServerSocketChannel::accept;
    }

    /**
     * asyncio's {@code start_server(handler, host, port)}: listens on every address of {@code host}
     * (null or empty: all interfaces). Port 0 picks a free port, shared by all the addresses;
     * {@link #addresses()} tells which.
     * @param handler called once per accepted connection, on the loop, with its reader and writer; the connection
     *     closes when the handler's task ends, and a failure is reported to the loop's exception handler
     * @param host the host name or address to bind, or null or empty for all interfaces
     * @param port the port to bind, or 0 for a free one
     * @return a task completing with the server once it listens; it fails with the bind's {@link java.io.IOException}
     *     (e.g. the port is taken)
     */
    public static Task<Server> start(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port) {
        return start(handler, host, port, false);
    }

    /**
     * As {@link #start(BiFunction, String, int)}, with asyncio's {@code reuse_port}: the listening
     * sockets set {@code SO_REUSEPORT}, so that servers on several loops (see
     * {@link org.asyncio4j.LoopGroup#startServer}) can listen on the same port and the kernel spreads
     * the connections across them. Fails with {@link UnsupportedOperationException} where the OS has
     * no {@code SO_REUSEPORT} (Windows).
     * @param handler called once per accepted connection, on the loop, with its reader and writer
     * @param host the host name or address to bind, or null or empty for all interfaces
     * @param port the port to bind, or 0 for a free one
     * @param reusePort true to set {@code SO_REUSEPORT} on the listening sockets
     * @return a task completing with the server once it listens
     */
    public static Task<Server> start(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port,
            boolean reusePort) {
        Objects.requireNonNull(handler, "handler");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        return new Server(EventLoop.current(), handler).bind(host, port, reusePort);
    }

    /**
     * A server on the current loop that listens nowhere yet: it serves the connections given to
     * {@link #adopt} (accepted by a server on another loop), and {@link #listen} makes it accept
     * its own. {@link #port()} is -1 until it listens. Loop thread only.
     *
     * @param handler run for each connection this server serves
     * @return the server
     */
    public static Server unbound(BiFunction<StreamReader, StreamWriter, Task<Void>> handler) {
        Objects.requireNonNull(handler, "handler");
        return new Server(EventLoop.current(), handler);
    }

    /**
     * Starts listening on {@code host}:{@code port} as {@link #start(BiFunction, String, int)} does
     * (a server made by {@link #unbound}; once only). Completes with this server once it listens.
     *
     * @param host the address to listen on (null: all interfaces)
     * @param port the port (0: a free one)
     * @return this server, listening
     */
    public Task<Server> listen(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        if (!listeners.isEmpty() || unixPath != null || closed) {
            throw new IllegalStateException("listen() on a server that already listens or is closed: " + this);
        }
        return bind(host, port, false);
    }

    /**
     * Gives every connection this server accepts from now on to {@code to}, on this loop, instead of
     * serving it here: {@code to} must serve it (e.g. hand it to a server on another loop, whose
     * {@link #adopt} serves it there) or close it. Used by {@link org.asyncio4j.LoopGroup} where
     * {@code SO_REUSEPORT} is missing. A {@code to} that throws has the connection closed and the
     * error reported. Loop thread only.
     *
     * @param to receives each accepted channel (blocking mode still as accepted)
     */
    public void handOff(java.util.function.Consumer<SocketChannel> to) {
        this.handOff = Objects.requireNonNull(to, "to");
    }

    /**
     * Serves {@code channel}, a connection accepted elsewhere (another loop's server, see
     * {@link #handOff}), on this server's loop as if this server had accepted it: one handler task,
     * counted in {@link #connectionCount()} and awaited by {@link #waitClosed()}. On a closed server
     * the channel is closed instead (it arrived after the server stopped). Loop thread only.
     *
     * @param channel a connected socket channel nobody else uses
     */
    public void adopt(SocketChannel channel) {
        Objects.requireNonNull(channel, "channel");
        if (closed) {
            closeQuietly(channel);
            return;
        }
        setUp(channel);
    }

    private Task<Server> bind(String host, int port, boolean reusePort) {
        Server server = this;
        if (host == null || host.isEmpty()) {
            return server.listenOn(new InetAddress[] {null}, port, reusePort);
        }
        Task<InetAddress[]> resolved = Resolver.resolve(server.loop, host);
        if (resolved.isDone()) {
            return server.listenOn(resolved.result(), port, reusePort);
        }
        Promise<Server> p = new Promise<>();
        resolved.addDoneCallback(t -> {
            if (p.isDone()) {
                return; // startServer was cancelled while resolving: do not bind anything
            }
            if (t.isCancelled()) {
                p.cancel();
                return;
            }
            Throwable e = t.exception();
            if (e != null) {
                p.fail(e);
                return;
            }
            Task<Server> s = server.listenOn(t.result(), port, reusePort);
            if (s.isCancelled()) {
                p.cancel();
            } else if (s.exception() != null) {
                p.fail(s.exception());
            } else {
                p.complete(s.result());
            }
        });
        return p;
    }

    /**
     * asyncio's {@code start_unix_server(handler, path)}: listens on a Unix domain socket (JDK 16+
     * channels). As asyncio, a stale socket file at {@code path} is removed first (any other kind of
     * file is left alone, and binding then fails), and {@link #close()} removes the socket file if it
     * is still the one bound (3.13's {@code cleanup_socket}). {@link #addresses()} is empty and
     * {@link #port()} is -1 for such a server; {@link #unixPath()} tells where it listens.
     * @param handler called once per accepted connection, on the loop, with its reader and writer
     * @param path where the socket file is created; not null
     * @return a task completing with the server once it listens
     */
    public static Task<Server> startUnix(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, java.nio.file.Path path) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(path, "path");
        EventLoop loop = EventLoop.current();
        Server server = new Server(loop, handler);
        ServerSocketChannel ssc = null;
        try {
            java.nio.file.attribute.BasicFileAttributes a = java.nio.file.Files.readAttributes(path,
                    java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (a.isOther()) {
                java.nio.file.Files.delete(path); // a socket left by an earlier server (asyncio removes it too)
            }
        } catch (java.nio.file.NoSuchFileException fresh) {
            // nothing to clean up
        } catch (IOException e) {
            return Task.failed(e);
        }
        try {
            ssc = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            ssc.bind(java.net.UnixDomainSocketAddress.of(path), 1024);
            server.unixPath = path;
            server.unixFileKey = fileKey(path);
            server.listeners.add(ssc);
            ServerSocketChannel l = ssc;
            server.keys.add(loop.io().register(ssc, SelectionKey.OP_ACCEPT, k -> server.onAcceptable(l)));
        } catch (IOException | RuntimeException e) {
            if (ssc != null) {
                server.closeQuietly(ssc);
            }
            return Task.failed(e instanceof java.net.BindException b && b.getMessage() != null && !b.getMessage().contains(path.toString())
                    ? withPath(b, path) : e);
        }
        return Task.completed(server);
    }

    private static IOException withPath(java.net.BindException e, java.nio.file.Path path) {
        java.net.BindException b = new java.net.BindException(e.getMessage() + ": " + path);
        b.initCause(e);
        return b;
    }

    private static Object fileKey(java.nio.file.Path path) {
        try {
            return java.nio.file.Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private Task<Server> listenOn(InetAddress[] hosts, int port, boolean reusePort) {
        int actualPort = port;
        try {
            for (InetAddress h : hosts) {
                // An IPv4 address gets an IPv4 socket: Java's default (dual-stack) socket bound to
                // 0.0.0.0 also listens on [::], exposing an IPv4 service on IPv6. asyncio binds the
                // address given, and so do we.
                ServerSocketChannel ssc = h instanceof java.net.Inet4Address
                        ? ServerSocketChannel.open(java.net.StandardProtocolFamily.INET) : ServerSocketChannel.open();
                listeners.add(ssc);
                ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (reusePort) {
                    if (!ssc.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                        throw new UnsupportedOperationException("this OS has no SO_REUSEPORT, so several loops cannot"
                                + " listen on one port: serve from one loop and hand work to the others with"
                                + " LoopGroup.submit(...)");
                    }
                    ssc.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ssc.bind(h == null ? new InetSocketAddress(actualPort) : new InetSocketAddress(h, actualPort), 1024);
                InetSocketAddress bound = (InetSocketAddress) ssc.getLocalAddress();
                actualPort = bound.getPort(); // port 0: the other addresses share the port picked first
                addresses.add(bound);
                keys.add(loop.io().register(ssc, SelectionKey.OP_ACCEPT, k -> onAcceptable(ssc)));
            }
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel ssc : listeners) {
                closeQuietly(ssc);
            }
            listeners.clear();
            keys.clear();
            return Task.failed(e);
        }
        return Task.completed(this);
    }

    // ------------------------------------------------------------------ accepting

    private void onAcceptable(ServerSocketChannel listener) {
        for (int i = 0; i < ACCEPTS_PER_EVENT && !closed && !acceptPaused; i++) {
            SocketChannel ch;
            try {
                ch = acceptor.accept(listener);
            } catch (IOException e) {
                if (e instanceof java.net.SocketException && isAbortedByPeer(e)) {
                    continue; // the client gave up before we accepted: nothing to do (asyncio ignores it too)
                }
                pauseAccepting(e);
                return;
            }
            if (ch == null) {
                return;
            }
            java.util.function.Consumer<SocketChannel> to = handOff;
            if (to != null) {
                try {
                    to.accept(ch);
                } catch (RuntimeException e) {
                    closeQuietly(ch);
                    loop.callExceptionHandler("handing off an accepted connection failed; it was closed", e, null);
                }
                continue;
            }
            setUp(ch);
        }
    }

    /** Serves an accepted channel here: a transport on this loop and one handler task. */
    private void setUp(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            if (ch.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            StreamReader reader = new StreamReader();
            SocketTransport t = SocketTransport.open(loop, ch, reader);
            connections.add(t);
            t.setOnLost(() -> detach(t));
            serve(t, reader);
        } catch (IOException e) {
            // The peer vanished between accept and setup (e.g. reset): drop this one, keep serving.
            closeQuietly(ch);
            loop.callExceptionHandler("setting up an accepted connection failed", e, null);
        }
    }

    private static boolean isAbortedByPeer(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("aborted") || m.contains("reset"));
    }

    /**
     * Classes the out-of-descriptors path needs, loaded with this class: when {@code accept} fails
     * with EMFILE, loading a class from a directory on the class path fails too (it needs a descriptor).
     */
    @SuppressWarnings("unused")
    private static final Class<?>[] PRELOADED = {org.asyncio4j.TimerHandle.class, org.asyncio4j.ErrorReport.class};

    /** Out of descriptors (or any accept failure): stop accepting, retry after a delay, report. */
    private void pauseAccepting(IOException e) {
        acceptPaused = true;
        for (SelectionKey k : keys) {
            loop.io().setInterest(k, 0);
        }
        try {
            loop.callAt(loop.time() + ACCEPT_RETRY_DELAY.toNanos(), this::resumeAccepting);
        } catch (RuntimeException | LinkageError scheduling) {
            resumeAccepting(); // could not schedule the retry: keep accepting rather than stop forever
            e.addSuppressed(scheduling);
        }
        loop.callExceptionHandler("accept() failed on " + addresses + " (out of file descriptors?);"
                + " pausing accepts for " + ACCEPT_RETRY_DELAY.toMillis() + " ms", e, null);
    }

    private void resumeAccepting() {
        acceptPaused = false;
        if (!closed) {
            for (SelectionKey k : keys) {
                loop.io().setInterest(k, SelectionKey.OP_ACCEPT);
            }
        }
    }

    private void serve(SocketTransport t, StreamReader reader) {
        StreamWriter writer = new StreamWriter(t, reader);
        Task<Void> task;
        try {
            task = handler.apply(reader, writer);
            if (task == null) {
                throw new NullPointerException("the connection handler returned null instead of a Task");
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            handlerFailed(t, e, null);
            return;
        }
        if (task.isDone()) {
            handlerDone(t, task);
        } else {
            task.addDoneCallback(done -> handlerDone(t, done));
        }
    }

    private void handlerDone(SocketTransport t, Task<Void> task) {
        if (task.isCancelled()) {
            t.close();
            return;
        }
        Throwable e = task.exception();
        if (e != null) {
            handlerFailed(t, e, task);
        } else {
            t.close(); // done with the connection: flush and close (asyncio would leave it open)
        }
    }

    private void handlerFailed(SocketTransport t, Throwable e, Task<?> task) {
        handlerFailures++;
        SocketAddress peer = t.peerAddress();
        loop.callExceptionHandler("Unhandled exception in client connection handler (peer " + peer + ")", e, task);
        t.close();
    }

    private void detach(SocketTransport t) {
        connections.remove(t);
        maybeWakeClosers();
    }

    // ------------------------------------------------------------------ public API

    /**
     * The addresses the server listens on (with the real port when 0 was asked for).
     * @return the bound addresses, one per address of the host; empty for a Unix domain socket server
     */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /**
     * The path of a Unix domain socket server ({@link #startUnix}), else null.
     * @return the socket file's path, or null for a TCP server
     */
    public java.nio.file.Path unixPath() {
        return unixPath;
    }

    /**
     * The port the server listens on.
     * @return the bound TCP port, or -1 for a Unix domain socket server
     */
    public int port() {
        return addresses.isEmpty() ? -1 : addresses.get(0).getPort();
    }

    /**
     * Whether the server still accepts connections (asyncio's {@code is_serving()}).
     * @return true until {@link #close()} is called
     */
    public boolean isServing() {
        return !closed;
    }

    /**
     * Connections currently open.
     * @return the number of accepted connections whose handler has not finished
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * How many handlers failed so far (each was reported to the exception handler).
     * @return the number of handler tasks that ended with an exception
     */
    public int handlerFailures() {
        return handlerFailures;
    }

    /**
     * Stops listening (open connections go on; see {@link #closeClients()}). Idempotent. A pending
     * {@link #serveForever()} then completes normally.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSocketChannel ssc : listeners) {
            closeQuietly(ssc);
        }
        keys.clear();
        loop.io().releaseClosed(); // stop listening now, as asyncio's close() does
        removeSocketFile();
        List<Promise<Void>> ws = new ArrayList<>(listenWaiters);
        listenWaiters.clear();
        for (Promise<Void> p : ws) {
            p.complete(null);
        }
        maybeWakeClosers();
    }

    /** asyncio 3.13's {@code close_clients()}: closes every open connection (after flushing). */
    public void closeClients() {
        for (SocketTransport t : new ArrayList<>(connections)) {
            t.close();
        }
    }

    /** asyncio 3.13's {@code abort_clients()}: closes every open connection at once. */
    public void abortClients() {
        for (SocketTransport t : new ArrayList<>(connections)) {
            t.abort();
        }
    }

    /**
     * Done once the server is closed and all its connections have ended.
     * @return a task that completes when the server is closed and every connection's handler has ended
     */
    public Task<Void> waitClosed() {
        if (closed && connections.isEmpty()) {
            return Task.completed();
        }
        Promise<Void> p = new Promise<>();
        closeWaiters.add(p);
        return p;
    }

    private void maybeWakeClosers() {
        if (closed && connections.isEmpty() && !closeWaiters.isEmpty()) {
            List<Promise<Void>> ws = new ArrayList<>(closeWaiters);
            closeWaiters.clear();
            for (Promise<Void> p : ws) {
                p.complete(null); // no-op for a cancelled waiter
            }
        }
    }

    /**
     * Serves until the server is closed (then completes normally) or this task is cancelled (then the
     * server is closed, its closing awaited, and the task ends cancelled, as asyncio's
     * {@code serve_forever}).
     * @return a task that completes when the server is closed by someone else; cancel it to close the server
     */
    public Task<Void> serveForever() {
        if (closed) {
            throw new IllegalStateException("serveForever() on a closed server " + this);
        }
        return new ServeForever(this).begin();
    }

    /** {@code close()} then {@code waitClosed()}. */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        close();
        return waitClosed();
    }

    /** asyncio 3.13's cleanup_socket: the file goes with the server, unless someone replaced it. */
    private void removeSocketFile() {
        if (unixPath == null || unixFileKey == null || !unixFileKey.equals(fileKey(unixPath))) {
            return;
        }
        try {
            java.nio.file.Files.deleteIfExists(unixPath);
        } catch (IOException e) {
            loop.callExceptionHandler("removing the socket file " + unixPath + " failed", e, null);
        }
    }

    private void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            loop.callExceptionHandler("closing " + ch + " failed", e, null);
        }
    }

    /** A promise completed by {@link #close()} (one per caller: cancelling it affects no one else). */
    Task<Void> listeningClosed() {
        if (closed) {
            return Task.completed();
        }
        Promise<Void> p = new Promise<>();
        listenWaiters.add(p);
        return p;
    }

    @Override
    public String toString() {
        return "Server[" + (unixPath != null ? "unix:" + unixPath : addresses) + (closed ? ", closed" : "") + ", connections=" + connections.size() + "]";
    }
}

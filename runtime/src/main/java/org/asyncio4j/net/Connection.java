package org.asyncio4j.net;

import java.util.Objects;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Task;

/** What {@code Asyncio.openConnection} returns: asyncio's {@code (reader, writer)} pair. */
public final class Connection implements AsyncCloseable {
    private final StreamReader reader;
    private final StreamWriter writer;

    Connection(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * asyncio's {@code open_connection(host, port)}: resolves {@code host} (off the loop unless it is
     * an IP literal), tries its addresses in turn and connects without blocking the loop. Fails with
     * {@link java.net.ConnectException} when refused. Cancelling the task closes the socket. For a
     * connect timeout wrap it: {@code Asyncio.waitFor(Asyncio.openConnection(h, p), d)}.
     * @param host a host name or IP literal; not null
     * @param port the TCP port
     * @return a task completing with the open connection
     */
    public static Task<Connection> open(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        return new OpenConnection(host, port).begin();
    }

    /**
     * asyncio's {@code open_unix_connection(path)}: connects to the Unix domain socket at {@code path}
     * (JDK 16+ channels; Linux, macOS and Windows 10+). Fails with {@link java.net.ConnectException}
     * when nobody listens there, or a {@link java.net.SocketException} naming the path (e.g. no such
     * file). Cancelling the task closes the socket.
     * @param path the socket file; not null
     * @return a task completing with the open connection
     */
    public static Task<Connection> openUnix(java.nio.file.Path path) {
        Objects.requireNonNull(path, "path");
        return new OpenConnection(path).begin();
    }

    /**
     * The connection's reading side (asyncio's {@code StreamReader}).
     * @return the reader; the same object on every call
     */
    public StreamReader reader() {
        return reader;
    }

    /**
     * The connection's writing side (asyncio's {@code StreamWriter}); closing it closes the connection.
     * @return the writer; the same object on every call
     */
    public StreamWriter writer() {
        return writer;
    }

    /** Closes the writer (flushing what is buffered) and waits until the socket is closed. */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        return writer.closeAsync(pending);
    }

    @Override
    public String toString() {
        return "Connection[" + writer.localAddress() + " -> " + writer.peerAddress() + "]";
    }
}

package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain sockets as {@code docs/asyncio-probes/unix.py} shows them under CPython 3.13. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixSocketTest {
    @TempDir
    Path dir;

    @Test
    void echoOverAUnixSocketReplacingAStaleSocketFileAndRemovingItAtClose() throws Exception {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(path)); // closed without removing its file
        }
        List<String> log = new ArrayList<>();
        List<ErrorReport> reports = new ArrayList<>();
        log.add("stale socket file exists " + Files.exists(path));
        Server[] server = new Server[1];
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return Flow.run(
                    x -> Asyncio.startUnixServer((r, w) -> new EchoHandler(r, w, null).begin(), path),
                    x -> {
                        server[0] = (Server) x;
                        log.add("server " + server[0].unixPath().equals(path) + " port " + server[0].port() + " addresses " + server[0].addresses());
                        return Asyncio.openUnixConnection(path);
                    },
                    x -> {
                        Connection c = (Connection) x;
                        c.writer().write(bytes("hi\n"));
                        return Flow.run(y -> c.reader().readLine(), y -> {
                            log.add("reply " + str(y).trim() + " peer " + c.writer().peerAddress());
                            return c.closeAsync(null);
                        });
                    },
                    x -> server[0].closeAsync(null),
                    x -> {
                        log.add("socket file after close " + Files.exists(path));
                        return null;
                    });
        });
        assertEquals(List.of("stale socket file exists true", "server true port -1 addresses []",
                "reply echo:hi peer " + path, "socket file after close false"), log);
        assertEquals(List.of(), reports);
    }

    @Test
    void failuresNameThePath() throws Exception {
        Path path = dir.resolve("s.sock");
        List<String> log = new ArrayList<>();
        ServerSocketChannel[] deaf = new ServerSocketChannel[1];
        Asyncio.run(() -> Flow.run(
                x -> Flow.settle(Asyncio.openUnixConnection(path)),
                x -> {
                    log.add("missing path: " + x);
                    try {
                        deaf[0] = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                        deaf[0].bind(UnixDomainSocketAddress.of(path));
                        deaf[0].close(); // the file stays, nobody listens
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                    return Flow.settle(Asyncio.openUnixConnection(path));
                },
                x -> {
                    log.add("nobody listening: " + x);
                    try {
                        Files.delete(path);
                        Files.writeString(path, "not a socket");
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                    return Flow.settle(Asyncio.startUnixServer((r, w) -> null, path));
                },
                x -> {
                    log.add("regular file in the way: " + x + ", still there " + Files.exists(path));
                    return null;
                }));
        assertEquals(List.of(
                "missing path: java.net.SocketException: No such file or directory: unix socket " + path,
                "nobody listening: java.net.ConnectException: Connection refused to unix socket " + path,
                "regular file in the way: java.net.BindException: Address already in use: " + path + ", still there true"), log);
    }
}

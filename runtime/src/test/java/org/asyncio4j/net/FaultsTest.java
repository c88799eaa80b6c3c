package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.settle;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The faults of issue 6, each on real sockets: clear exceptions, and the server keeps serving. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultsTest {
    static final String HOST = "127.0.0.1";

    static final class S {
        Server server;
        Connection a;
        Connection b;
        final List<String> log = new ArrayList<>();
        final List<ErrorReport> reports = new ArrayList<>();

        void collectReports() {
            EventLoop.current().setExceptionHandler(reports::add);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(HOST, 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    @Test
    void connectionRefused() throws IOException {
        int port = freePort();
        Object r = Asyncio.run(() -> settle(Asyncio.openConnection(HOST, port)));
        ConnectException e = assertInstanceOf(ConnectException.class, r);
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains(String.valueOf(port)), e.getMessage());
    }

    @Test
    void resetByPeerFailsTheReadAndTheDrain() {
        S s = new S();
        Asyncio.run(() -> {
            s.collectReports();
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> {
                        // Abort with SO_LINGER 0: the kernel sends RST instead of FIN.
                        try {
                            ((SocketTransport) w.transport()).channel().setOption(StandardSocketOptions.SO_LINGER, 0);
                        } catch (IOException e) {
                            return Task.failed(e);
                        }
                        w.abort();
                        return Task.completed();
                    }, HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.a = (Connection) x;
                        return settle(s.a.reader().readLine());
                    },
                    x -> {
                        s.log.add("readLine: " + x);
                        s.a.writer().write(bytes("after reset\n"));
                        return settle(s.a.writer().drain());
                    },
                    x -> {
                        s.log.add("drain: " + x);
                        return settle(s.a.writer().waitClosed());
                    },
                    x -> {
                        s.log.add("waitClosed: " + x);
                        return s.server.closeAsync(null);
                    });
        });
        assertEquals(List.of(
                "readLine: java.net.SocketException: Connection reset",
                "drain: java.net.SocketException: Connection reset",
                "waitClosed: java.net.SocketException: Connection reset"), s.log);
        assertEquals(List.of(), s.reports);
    }

    @Test
    void peerClosingMidLineGivesIncompleteReadAndTheServerKeepsServing() {
        S s = new S();
        Asyncio.run(() -> {
            s.collectReports();
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> Flow.run(
                            y -> settle(r.readUntil(bytes("\n"))),
                            y -> {
                                if (y instanceof IncompleteReadException e) {
                                    s.log.add("server: incomplete, partial=" + str(e.partial()));
                                    return null;
                                }
                                w.write(bytes("ok:" + str(y)));
                                return w.drain();
                            }), HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.a = (Connection) x;
                        s.a.writer().write(bytes("half a li"));
                        return s.a.closeAsync(null); // closes mid-line
                    },
                    x -> Asyncio.openConnection(HOST, s.server.port()),
                    x -> {
                        s.b = (Connection) x;
                        s.b.writer().write(bytes("whole\n"));
                        return s.b.reader().readLine();
                    },
                    x -> {
                        s.log.add("other client: " + str(x).trim());
                        return s.b.reader().readLine();
                    },
                    x -> {
                        s.log.add("then EOF: " + (((byte[]) x).length == 0));
                        s.server.close();
                        return s.b.closeAsync(null);
                    },
                    x -> s.server.waitClosed());
        });
        assertEquals(List.of("server: incomplete, partial=half a li", "other client: ok:whole", "then EOF: true"), s.log);
        assertEquals(List.of(), s.reports);
    }

    @Test
    void tenMegabyteLineOverrunsTheLimitClosesThatConnectionOnly() {
        S s = new S();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        int[] maxBuffered = new int[1];
        Asyncio.run(() -> {
            s.collectReports();
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> new EchoHandler(r, w, null).begin(), HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.a = (Connection) x;
                        // 10 MB without a newline, written with drain like a well-behaved client.
                        return Flow.settle(new Flood(s.a.writer(), chunk, 160, maxBuffered).begin());
                    },
                    x -> {
                        s.log.add("flooder: " + (x instanceof IOException ? "IOException" : x));
                        return settle(s.a.reader().readLine());
                    },
                    x -> {
                        // EOF, or the reset/broken pipe the server's close with unread data caused.
                        s.log.add("flooder reads: " + (x instanceof byte[] b ? "'" + str(b) + "'" : x instanceof IOException ? "IOException" : x));
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.b = (Connection) x;
                        s.b.writer().write(bytes("still there?\n"));
                        return s.b.reader().readLine();
                    },
                    x -> {
                        s.log.add("other client: " + str(x).trim());
                        s.a.writer().abort();
                        return s.b.closeAsync(null);
                    },
                    x -> s.server.closeAsync(null));
        });
        assertEquals("flooder: IOException", s.log.get(0), s.log.toString());
        assertTrue(s.log.get(1).equals("flooder reads: ''") || s.log.get(1).equals("flooder reads: IOException"), s.log.get(1));
        assertEquals("other client: echo:still there?", s.log.get(2));
        assertEquals(1, s.reports.size(), s.reports.toString());
        ErrorReport rep = s.reports.get(0);
        assertInstanceOf(LimitOverrunException.class, rep.exception());
        assertTrue(rep.message().contains("peer /127.0.0.1:"), rep.message());
        assertTrue(maxBuffered[0] <= 64 * 1024 + chunk.length, "client write buffer stayed bounded: " + maxBuffered[0]);
    }

    /** Writes {@code chunk} n times, awaiting drain after each (fails when the peer goes away). */
    static final class Flood extends org.asyncio4j.Coroutine<Void> {
        private final StreamWriter w;
        private final byte[] chunk;
        private int left;
        private final int[] maxBuffered;

        Flood(StreamWriter w, byte[] chunk, int n, int[] maxBuffered) {
            this.w = w;
            this.chunk = chunk;
            this.left = n;
            this.maxBuffered = maxBuffered;
        }

        Task<Void> begin() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() throws Throwable {
            while (true) {
                switch (state) {
                    case 0:
                        if (left-- == 0) {
                            returnValue(null);
                            return;
                        }
                        w.write(chunk);
                        maxBuffered[0] = Math.max(maxBuffered[0], w.writeBufferSize());
                        if (await(w.drain(), 1)) return;
                    case 1:
                        awaited();
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void slowReaderBackPressureKeepsTheWriterBounded() {
        // The server writes 32 MiB in 64 KiB chunks with drain; the client does not read for 300 ms.
        S s = new S();
        byte[] chunk = new byte[64 * 1024];
        int total = 512;
        int[] maxBuffered = new int[1];
        long[] progressWhenPaused = new long[1];
        long[] received = new long[1];
        Task<?>[] flood = new Task<?>[1];
        Asyncio.run(() -> {
            s.collectReports();
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> {
                        Flood f = new Flood(w, chunk, total, maxBuffered);
                        flood[0] = f;
                        return f.begin();
                    }, HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.a = (Connection) x;
                        return Asyncio.sleep(Duration.ofMillis(300));
                    },
                    x -> {
                        progressWhenPaused[0] = flood[0].isDone() ? -1 : 0;
                        return new ReadAll(s.a.reader(), received).begin();
                    },
                    x -> s.a.closeAsync(null),
                    x -> s.server.closeAsync(null));
        });
        assertEquals(0, progressWhenPaused[0], "the server was still blocked in drain while the client did not read");
        assertEquals((long) total * chunk.length, received[0]);
        assertTrue(maxBuffered[0] <= 64 * 1024 + chunk.length, "server write buffer bounded: " + maxBuffered[0]);
        assertEquals(List.of(), s.reports);
    }

    /** Reads to EOF in read(64 KiB) steps, counting bytes. */
    static final class ReadAll extends org.asyncio4j.Coroutine<Void> {
        private final StreamReader r;
        private final long[] count;

        ReadAll(StreamReader r, long[] count) {
            this.r = r;
            this.count = count;
        }

        Task<Void> begin() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() throws Throwable {
            while (true) {
                switch (state) {
                    case 0:
                        if (await(r.read(65536), 1)) return;
                    case 1:
                        byte[] b = awaited();
                        if (b.length == 0) {
                            returnValue(null);
                            return;
                        }
                        count[0] += b.length;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    /** Polls {@code cond} every 10 ms (at most 10 s): for states reached at the network's pace. */
    static final class PollUntil extends org.asyncio4j.Coroutine<Void> {
        private final java.util.function.BooleanSupplier cond;
        private int tries;

        PollUntil(java.util.function.BooleanSupplier cond) {
            this.cond = cond;
        }

        Task<Void> begin() {
            return start();
        }

        @Override
        protected void resume() throws Throwable {
            if (state == 1) {
                awaited();
            }
            if (cond.getAsBoolean() || tries++ == 1000) {
                returnValue(null);
                return;
            }
            if (await(Asyncio.sleep(Duration.ofMillis(10)), 1)) return;
            resume();
        }
    }

    @Test
    void readerStopsReadingPastTwiceItsLimit() {
        // The client sends 16 MiB; the server handler does not read until its reader has paused the
        // socket: what it buffers stays within 2 * limit + one read while the rest waits in TCP.
        S s = new S();
        int[] seen = new int[3];
        long[] got = new long[1];
        Asyncio.run(() -> {
            s.collectReports();
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> Flow.run(
                            y -> new PollUntil(r::isPaused).begin(), // the handler does not read meanwhile
                            y -> Asyncio.sleep(Duration.ofMillis(100)), // paused stays paused
                            y -> {
                                seen[0] = r.buffered();
                                seen[1] = r.isPaused() ? 1 : 0;
                                seen[2] = s.a.writer().writeBufferSize(); // held back in the client
                                return new ReadAll(r, got).begin();
                            }), HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.a = (Connection) x;
                        s.a.writer().write(new byte[16 << 20]);
                        s.a.writer().writeEof();
                        return s.a.writer().drain();
                    },
                    x -> s.a.reader().read(10), // EOF once the server handler is done and closed
                    x -> s.a.closeAsync(null),
                    x -> s.server.closeAsync(null));
        });
        assertEquals(1, seen[1], "reader paused; buffered " + seen[0]);
        assertTrue(seen[0] > 2 * StreamReader.DEFAULT_LIMIT && seen[0] <= 2 * StreamReader.DEFAULT_LIMIT + 65536,
                "buffered " + seen[0]);
        assertTrue(seen[2] > 0, "the rest waited in the client");
        assertEquals(16 << 20, got[0]);
        assertEquals(List.of(), s.reports);
    }

    @Test
    void handlerThatThrowsIsReportedWithThePeerAndOthersAreUnaffected() {
        S s = new S();
        int[] n = new int[1];
        Asyncio.run(() -> {
            s.collectReports();
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> {
                        if (n[0]++ == 0) {
                            throw new IllegalStateException("boom in handler");
                        }
                        if (n[0] == 2) {
                            return Flow.run(y -> r.readLine(), y -> {
                                throw new IllegalArgumentException("bad request " + str(y).trim());
                            });
                        }
                        return new EchoHandler(r, w, null).begin();
                    }, HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.a = (Connection) x;
                        return s.a.reader().readLine();
                    },
                    x -> {
                        s.log.add("first client sees EOF: " + (((byte[]) x).length == 0));
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        s.b = (Connection) x;
                        s.b.writer().write(bytes("please\n"));
                        return s.b.reader().readLine();
                    },
                    x -> {
                        s.log.add("second client sees EOF: " + (((byte[]) x).length == 0));
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        Connection c = (Connection) x;
                        c.writer().write(bytes("fine\n"));
                        return Flow.run(y -> c.reader().readLine(), y -> {
                            s.log.add("third client: " + str(y).trim());
                            return c.closeAsync(null);
                        });
                    },
                    x -> s.a.closeAsync(null),
                    x -> s.b.closeAsync(null),
                    x -> s.server.closeAsync(null));
        });
        assertEquals(List.of("first client sees EOF: true", "second client sees EOF: true", "third client: echo:fine"), s.log);
        assertEquals(2, s.reports.size(), s.reports.toString());
        assertEquals("boom in handler", s.reports.get(0).exception().getMessage());
        assertEquals("bad request please", s.reports.get(1).exception().getMessage());
        for (ErrorReport r : s.reports) {
            assertTrue(r.message().startsWith("Unhandled exception in client connection handler (peer /127.0.0.1:"), r.message());
        }
    }

    @Test
    void outOfFileDescriptorsPausesAcceptForOneSecondAndTheServerSurvives() {
        // Simulated: the seam makes the first accept fail as the JDK does on EMFILE.
        int[] calls = new int[1];
        Server.acceptorForTests = listener -> {
            if (calls[0]++ == 0) {
                throw new IOException("Too many open files");
            }
            return listener.accept();
        };
        S s = new S();
        long[] acceptedAt = {-1};
        try {
            Asyncio.run(() -> {
                s.collectReports();
                return Flow.run(
                        x -> Asyncio.startServer((r, w) -> {
                            acceptedAt[0] = EventLoop.current().time();
                            return new EchoHandler(r, w, null).begin();
                        }, HOST, 0),
                        x -> {
                            s.server = (Server) x;
                            return Asyncio.openConnection(HOST, s.server.port());
                        },
                        x -> {
                            s.a = (Connection) x;
                            s.a.writer().write(bytes("served\n"));
                            return s.a.reader().readLine();
                        },
                        x -> {
                            s.log.add(str(x).trim());
                            return s.a.closeAsync(null);
                        },
                        x -> s.server.closeAsync(null));
            }, new VirtualClock());
        } finally {
            Server.acceptorForTests = null;
        }
        assertEquals(List.of("echo:served"), s.log);
        assertEquals(1_000_000_000L, acceptedAt[0]);
        assertEquals(1, s.reports.size());
        assertTrue(s.reports.get(0).message().contains("pausing accepts for 1000 ms"), s.reports.get(0).message());
        assertEquals("Too many open files", s.reports.get(0).exception().getMessage());
    }
}

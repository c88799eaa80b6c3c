package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.settle;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many clients, cancellation at each await of a connection's life, and closing what is left open. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleTest {
    static final String HOST = "127.0.0.1";

    static final class S {
        Server server;
        Connection c;
        Task<?> t;
        final List<String> log = new ArrayList<>();
        final List<ErrorReport> reports = new ArrayList<>();
    }

    private static int registered() {
        return EventLoop.current().io().registered();
    }

    @Test
    void thousandConcurrentClientsOnOneLoop() {
        int n = 1000;
        S s = new S();
        int[] ok = new int[1];
        int[] peak = new int[1];
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(s.reports::add);
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> {
                        peak[0] = Math.max(peak[0], s.server.connectionCount());
                        return new EchoHandler(r, w, null).begin();
                    }, HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        List<Task<?>> clients = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            String msg = "client " + i + "\n";
                            Connection[] c = new Connection[1];
                            clients.add(Flow.run(
                                    y -> Asyncio.openConnection(HOST, s.server.port()),
                                    y -> {
                                        c[0] = (Connection) y;
                                        c[0].writer().write(bytes(msg));
                                        return c[0].writer().drain();
                                    },
                                    y -> c[0].reader().readLine(),
                                    y -> {
                                        if (str(y).equals("echo:" + msg)) {
                                            ok[0]++;
                                        }
                                        return c[0].closeAsync(null);
                                    }));
                        }
                        return Flow.all(clients);
                    },
                    x -> s.server.closeAsync(null),
                    x -> Asyncio.yieldNow(),
                    x -> {
                        s.log.add("registered=" + registered());
                        return null;
                    });
        });
        assertEquals(n, ok[0]);
        assertEquals(List.of("registered=0"), s.log);
        assertEquals(List.of(), s.reports);
        assertTrue(peak[0] > 1, "connections overlapped: peak " + peak[0]);
    }

    @Test
    void cancelWhileResolvingLeavesNoSocket() {
        S s = new S();
        Asyncio.run(() -> {
            Task<Connection> t = Asyncio.openConnection("localhost", 9); // resolved on the executor
            s.log.add("pending=" + !t.isDone());
            t.cancel();
            return Flow.run(x -> settle(t), x -> {
                s.log.add(x.getClass().getSimpleName() + " registered=" + registered());
                return null;
            });
        });
        assertEquals(List.of("pending=true", "CancelledError registered=0"), s.log);
    }

    /** A listener whose accept queue is full drops further SYNs: a connect to it stays pending. */
    private static int fullListener(ServerSocketChannel full, List<Socket> fillers) throws IOException {
        full.bind(new InetSocketAddress(HOST, 0), 1);
        int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
        for (int i = 0; i < 16; i++) {
            Socket f = new Socket();
            fillers.add(f);
            try {
                f.connect(new InetSocketAddress(HOST, port), 200);
            } catch (SocketTimeoutException e) {
                return port;
            }
        }
        Assumptions.abort("this kernel does not drop SYNs to a full accept queue");
        return -1;
    }

    @Test
    void connectTimeoutThroughWaitForClosesTheSocket() throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            int port = fullListener(full, fillers);
            S s = new S();
            Asyncio.run(() -> Flow.run(
                    x -> settle(Asyncio.waitFor(Asyncio.openConnection(HOST, port), Duration.ofMillis(100))),
                    x -> {
                        s.log.add(x.getClass().getSimpleName());
                        return Asyncio.yieldNow();
                    },
                    x -> {
                        s.log.add("registered=" + registered());
                        return null;
                    }));
            assertEquals(List.of("AsyncTimeoutException", "registered=0"), s.log);
        } finally {
            for (Socket f : fillers) {
                f.close();
            }
        }
    }

    @Test
    void cancelWhileConnectingClosesTheSocket() throws Exception {
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            List<Socket> fillers = new ArrayList<>();
            try {
                int port = fullListener(full, fillers);
                S s = new S();
                Asyncio.run(() -> {
                    Task<Connection> t = Asyncio.openConnection(HOST, port);
                    s.t = t;
                    return Flow.run(
                            x -> Asyncio.sleep(Duration.ofMillis(50)),
                            x -> {
                                s.log.add("connecting: pending=" + !t.isDone() + " registered=" + registered());
                                t.cancel();
                                return settle(t);
                            },
                            x -> Asyncio.yieldNow(),
                            x -> {
                                s.log.add("after cancel: " + t.isCancelled() + " registered=" + registered());
                                return null;
                            });
                });
                assertEquals(List.of("connecting: pending=true registered=1", "after cancel: true registered=0"), s.log);
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void cancelAtReadLineConsumesNothingAndTheStreamGoesOn() {
        S s = new S();
        Promise<Void> go = new Promise<>();
        Asyncio.run(() -> Flow.run(
                x -> Asyncio.startServer((r, w) -> Flow.run(
                        y -> go,
                        y -> {
                            w.write(bytes("late line\n"));
                            return w.drain();
                        },
                        y -> r.read(1)), HOST, 0),
                x -> {
                    s.server = (Server) x;
                    return Asyncio.openConnection(HOST, s.server.port());
                },
                x -> {
                    s.c = (Connection) x;
                    Task<byte[]> t = s.c.reader().readLine();
                    return Flow.run(y -> Asyncio.sleep(Duration.ofMillis(20)), y -> {
                        t.cancel();
                        return settle(t);
                    });
                },
                x -> {
                    s.log.add("readLine: " + x.getClass().getSimpleName());
                    go.complete(null);
                    return s.c.reader().readLine();
                },
                x -> {
                    s.log.add("next readLine: " + str(x).trim());
                    return s.c.closeAsync(null);
                },
                x -> s.server.closeAsync(null),
                x -> Asyncio.yieldNow(),
                x -> {
                    s.log.add("registered=" + registered());
                    return null;
                }));
        assertEquals(List.of("readLine: CancelledError", "next readLine: late line", "registered=0"), s.log);
    }

    @Test
    void cancelAtDrainAndAtWaitClosedThenAbortLeavesNothingOpen() {
        S s = new S();
        Promise<Void> never = new Promise<>();
        SocketTransport[] tr = new SocketTransport[1];
        Asyncio.run(() -> Flow.run(
                x -> Asyncio.startServer((r, w) -> never, HOST, 0), // never reads
                x -> {
                    s.server = (Server) x;
                    return Asyncio.openConnection(HOST, s.server.port());
                },
                x -> {
                    s.c = (Connection) x;
                    tr[0] = (SocketTransport) s.c.writer().transport();
                    s.c.writer().write(new byte[32 << 20]); // more than the kernel buffers take
                    Task<Void> d = s.c.writer().drain();
                    s.log.add("drain pending=" + !d.isDone());
                    return Flow.run(y -> Asyncio.sleep(Duration.ofMillis(20)), y -> {
                        d.cancel();
                        return settle(d);
                    });
                },
                x -> {
                    s.log.add("drain: " + x.getClass().getSimpleName());
                    s.c.writer().close();
                    Task<Void> wc = s.c.writer().waitClosed();
                    return Flow.run(y -> Asyncio.sleep(Duration.ofMillis(20)), y -> {
                        s.log.add("waitClosed pending=" + !wc.isDone());
                        wc.cancel();
                        return settle(wc);
                    });
                },
                x -> {
                    s.log.add("waitClosed: " + x.getClass().getSimpleName());
                    s.c.writer().abort();
                    return s.c.writer().waitClosed();
                },
                x -> {
                    s.log.add("channel open=" + tr[0].channel().isOpen());
                    never.complete(null); // the server handler returns: its side closes
                    return s.server.closeAsync(null);
                },
                x -> Asyncio.yieldNow(),
                x -> {
                    s.log.add("registered=" + registered());
                    return null;
                }));
        assertEquals(List.of("drain pending=true", "drain: CancelledError", "waitClosed pending=true",
                "waitClosed: CancelledError", "channel open=false", "registered=0"), s.log);
    }

    @Test
    void serveForeverEndsNormallyOnCloseAndClosesTheServerWhenCancelled() {
        S s = new S();
        Asyncio.run(() -> Flow.run(
                x -> Asyncio.startServer((r, w) -> Task.completed(), HOST, 0),
                x -> {
                    s.server = (Server) x;
                    Task<Void> f = s.server.serveForever();
                    s.server.close();
                    return settle(f);
                },
                x -> {
                    s.log.add("after close: " + x);
                    return Asyncio.startServer((r, w) -> Task.completed(), HOST, 0);
                },
                x -> {
                    s.server = (Server) x;
                    Task<Void> f = s.server.serveForever();
                    return Flow.run(y -> Asyncio.yieldNow(), y -> {
                        f.cancel();
                        return settle(f);
                    });
                },
                x -> {
                    s.log.add("cancelled: " + x.getClass().getSimpleName() + " serving=" + s.server.isServing());
                    return s.server.waitClosed();
                },
                x -> Asyncio.yieldNow(),
                x -> {
                    s.log.add("registered=" + registered());
                    return null;
                }));
        assertEquals(List.of("after close: null", "cancelled: CancelledError serving=false", "registered=0"), s.log);
    }

    @Test
    void runClosesAndReportsWhatIsLeftOpen() {
        S s = new S();
        SocketTransport[] client = new SocketTransport[1];
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(s.reports::add);
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> r.readLine(/* waits forever */).isDone() ? Task.completed()
                            : new EchoHandler(r, w, null).begin(), HOST, 0),
                    x -> {
                        s.server = (Server) x;
                        return Asyncio.openConnection(HOST, s.server.port());
                    },
                    x -> {
                        client[0] = (SocketTransport) ((Connection) x).writer().transport();
                        return Asyncio.sleep(Duration.ofMillis(20)); // let the server accept
                    },
                    x -> null); // main returns with the server, both ends and a handler still open
        });
        assertFalse(client[0].channel().isOpen());
        List<String> msgs = new ArrayList<>();
        for (ErrorReport r : s.reports) {
            msgs.add(r.message());
        }
        assertTrue(msgs.stream().anyMatch(m -> m.contains("ServerSocketChannel")), msgs.toString());
        assertTrue(msgs.stream().filter(m -> m.startsWith("channel still open")).count() >= 2, msgs.toString());
    }
}

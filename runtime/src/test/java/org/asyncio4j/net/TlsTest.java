package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.settle;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS streams against the JDK's own TLS client and server, with a certificate made by keytool at test time. */
class TlsTest {
    @TempDir
    static Path dir;
    static SSLContext server;
    static SSLContext client;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path ks = dir.resolve("localhost.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    /** A JDK TLS server on a thread: echoes one line, optionally renegotiates, then reports how the client ended. */
    static Thread jdkServer(SSLServerSocket ss, List<String> events, boolean renegotiate) {
        Thread t = new Thread(() -> {
            try (SSLSocket s = (SSLSocket) ss.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                String line = in.readLine();
                out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (renegotiate) {
                    s.startHandshake();
                }
                String next = in.readLine();
                events.add("server read after echo: " + next);
            } catch (Exception e) {
                events.add("server failed: " + e.getClass().getSimpleName());
            }
        }, "jdk-tls-server");
        t.start();
        return t;
    }

    static SSLServerSocket listen(String... protocols) throws Exception {
        SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            ss.setEnabledProtocols(protocols);
        }
        return ss;
    }

    @Test
    void aClientTalksToTheJdksServerAndClosesWithCloseNotify() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (SSLServerSocket ss = listen()) {
            Thread t = jdkServer(ss, events, false);
            Object echoed = Asyncio.run(() -> Flow.run(
                    x -> Asyncio.openConnection("localhost", ss.getLocalPort(), client),
                    c -> {
                        Connection conn = (Connection) c;
                        conn.writer().write(bytes("hello\n"));
                        return Flow.run(y -> conn.reader().readLine(), line -> {
                            events.add("client got: " + str(line).trim());
                            return conn.closeAsync(null);
                        });
                    }));
            t.join(10_000);
            assertEquals(null, echoed);
        }
        // The JDK's server reads a plain end too as null: closeSendsCloseNotify... checks close_notify itself.
        assertEquals(List.of("client got: echo: hello", "server read after echo: null"), events);
    }

    @Test
    void aServerTalksToTheJdksClient() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        org.asyncio4j.sync.Event handled = new org.asyncio4j.sync.Event();
        Object result = Asyncio.run(() -> Flow.run(
                x -> Asyncio.startServer((r, w) -> Flow.run(
                        y -> r.readLine(),
                        line -> {
                            w.write(bytes("echo: " + str(line)));
                            return r.read(100);
                        },
                        rest -> {
                            events.add("handler read after echo: " + ((byte[]) rest).length + " bytes, eof=" + r.atEof());
                            handled.set();
                            return w.closeAsync(null);
                        }), "127.0.0.1", 0, server),
                s -> {
                    Server srv = (Server) s;
                    int port = srv.port();
                    return Flow.run(
                            y -> Asyncio.toThread(() -> {
                                try (SSLSocket sock = (SSLSocket) client.getSocketFactory().createSocket("localhost", port)) {
                                    sock.getOutputStream().write(bytes("hi\n"));
                                    String reply = new BufferedReader(new InputStreamReader(sock.getInputStream(),
                                            StandardCharsets.UTF_8)).readLine();
                                    events.add("jdk client got: " + reply);
                                }
                                return null;
                            }),
                            z -> handled.await(),
                            z -> {
                                srv.close();
                                return srv.waitClosed();
                            });
                }));
        assertEquals(null, result);
        assertEquals(List.of("jdk client got: echo: hi", "handler read after echo: 0 bytes, eof=true"), events);
    }

    @Test
    void aHandshakeThatNeverFinishesTimesOutAtExactlyItsDeadline() throws Exception {
        // A plain TCP server that accepts (the kernel does) and never answers the ClientHello.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Object[] got = new Object[2];
            Asyncio.run(() -> Flow.run(
                    x -> settle(Tls.openConnection("127.0.0.1", silent.getLocalPort(), client, Duration.ofSeconds(2))),
                    r -> {
                        got[0] = r;
                        got[1] = EventLoop.current().time();
                        return null;
                    }), new VirtualClock());
            AsyncTimeoutException e = assertInstanceOf(AsyncTimeoutException.class, got[0]);
            assertEquals("the TLS handshake did not finish within PT2S", e.getMessage());
            assertEquals(2_000_000_000L, got[1]);
        }
    }

    @Test
    void aServerThatRenegotiatesIsRefused() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (SSLServerSocket ss = listen("TLSv1.2")) {
            Thread t = jdkServer(ss, events, true);
            Object after = Asyncio.run(() -> Flow.run(
                    x -> Tls.openConnection("localhost", ss.getLocalPort(), client),
                    c -> {
                        Connection conn = (Connection) c;
                        conn.writer().write(bytes("hello\n"));
                        return Flow.run(y -> conn.reader().readLine(), line -> {
                            events.add("client got: " + str(line).trim());
                            return settle(conn.reader().readLine());
                        });
                    }));
            t.join(10_000);
            SSLException e = assertInstanceOf(SSLException.class, after);
            assertEquals("TLS renegotiation refused: the peer started a new handshake on an established TLSv1.2 connection",
                    e.getMessage());
        }
        assertEquals("client got: echo: hello", events.get(0));
        assertTrue(events.get(1).startsWith("server failed: "), events.toString());
    }

    @Test
    void writesWaitInDrainUntilThePeerReads() throws Exception {
        int total = 32 << 20;
        CountDownLatch startReading = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (SSLServerSocket ss = listen()) {
            Thread t = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    startReading.await();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[64 * 1024];
                    long n = 0;
                    int r;
                    while (n < total && (r = in.read(buf)) > 0) {
                        n += r;
                    }
                    s.getOutputStream().write(bytes("got " + n + "\n"));
                } catch (Exception e) {
                    events.add("server failed: " + e);
                }
            }, "jdk-tls-sink");
            t.start();
            Object reply = Asyncio.run(() -> Flow.run(
                    x -> Tls.openConnection("localhost", ss.getLocalPort(), client),
                    c -> {
                        Connection conn = (Connection) c;
                        byte[] chunk = new byte[64 * 1024];
                        for (int i = 0; i < total / chunk.length; i++) {
                            conn.writer().write(chunk);
                        }
                        Task<Void> drain = conn.writer().drain();
                        events.add("drain pending after writing 32 MB: " + !drain.isDone()
                                + ", buffered above 64 KB: " + (conn.writer().writeBufferSize() > 64 * 1024));
                        startReading.countDown();
                        return Flow.run(y -> drain, y -> conn.reader().readLine(), line -> {
                            events.add("reply: " + str(line).trim());
                            return conn.closeAsync(null);
                        });
                    }));
            t.join(30_000);
            assertEquals(null, reply);
        }
        assertEquals(List.of("drain pending after writing 32 MB: true, buffered above 64 KB: true", "reply: got " + total), events);
    }

    /** An asyncio4j TLS server whose handler echoes one line, then records how the client's side ended. */
    static Task<Server> recordingServer(List<String> events, org.asyncio4j.sync.Event handled) {
        return Tls.startServer((r, w) -> Flow.run(
                y -> r.readLine(),
                line -> {
                    w.write(bytes("echo: " + str(line)));
                    return settle(r.read(100));
                },
                rest -> {
                    events.add("handler read after echo: " + (rest instanceof byte[] b ? b.length + " bytes, eof=" + r.atEof()
                            : ((Throwable) rest).getMessage()));
                    handled.set();
                    return w.closeAsync(null);
                }), "127.0.0.1", 0, server);
    }

    @Test
    void closeSendsCloseNotifySoThePeerSeesACleanEnd() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        org.asyncio4j.sync.Event handled = new org.asyncio4j.sync.Event();
        Asyncio.run(() -> Flow.run(
                x -> recordingServer(events, handled),
                s -> {
                    Server srv = (Server) s;
                    return Flow.run(
                            y -> Tls.openConnection("localhost", srv.port(), client),
                            c -> {
                                Connection conn = (Connection) c;
                                conn.writer().write(bytes("hello\n"));
                                return Flow.run(y -> conn.reader().readLine(), y -> conn.closeAsync(null));
                            },
                            y -> handled.await(),
                            y -> {
                                srv.close();
                                return srv.waitClosed();
                            });
                }));
        assertEquals(List.of("handler read after echo: 0 bytes, eof=true"), events);
    }

    @Test
    void aPeerThatClosesTcpWithoutCloseNotifyFailsTheReader() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        org.asyncio4j.sync.Event handled = new org.asyncio4j.sync.Event();
        Asyncio.run(() -> Flow.run(
                x -> recordingServer(events, handled),
                s -> {
                    Server srv = (Server) s;
                    return Flow.run(
                            y -> Asyncio.toThread(() -> {
                                // The JDK's TLS client over a plain socket that it does not own: the plain
                                // socket's FIN then arrives with no close_notify before it.
                                try (java.net.Socket plain = new java.net.Socket(InetAddress.getLoopbackAddress(), srv.port())) {
                                    SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", srv.port(), false);
                                    tls.getOutputStream().write(bytes("hi\n"));
                                    String reply = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8)).readLine();
                                    events.add("jdk client got: " + reply);
                                    plain.shutdownOutput();
                                    plain.getInputStream().read(); // until the server closes
                                }
                                return null;
                            }),
                            y -> handled.await(),
                            y -> {
                                srv.close();
                                return srv.waitClosed();
                            });
                }));
        assertEquals(List.of("jdk client got: echo: hi",
                "handler read after echo: the peer closed the connection without a TLS close_notify (the data may be truncated)"),
                events);
    }

    /** Polls {@code cond} every millisecond, at most {@code left} times; completes with whether it held. */
    static Task<Boolean> pollUntil(java.util.function.BooleanSupplier cond, int left) {
        if (cond.getAsBoolean() || left == 0) {
            return Task.completed(cond.getAsBoolean());
        }
        return Flow.run(x -> Asyncio.sleep(Duration.ofMillis(1)), x -> pollUntil(cond, left - 1));
    }

    @Test
    void aReaderThatFallsBehindStopsReadingFromTheSocket() throws Exception {
        int total = 16 << 20;
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        long[] buffered = new long[2];
        try (SSLServerSocket ss = listen()) {
            Thread t = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < total / chunk.length; i++) {
                        out.write(chunk);
                    }
                    out.flush();
                    s.getInputStream().read(); // wait for the client's close
                } catch (Exception e) {
                    events.add("server failed: " + e);
                }
            }, "jdk-tls-source");
            t.start();
            Object all = Asyncio.run(() -> Flow.run(
                    x -> Tls.openConnection("localhost", ss.getLocalPort(), client),
                    c -> {
                        Connection conn = (Connection) c;
                        StreamReader r = conn.reader();
                        return Flow.run(
                                y -> pollUntil(r::isPaused, 5000),
                                paused -> {
                                    events.add("paused: " + paused);
                                    buffered[0] = r.buffered();
                                    // While paused no read is issued: nothing more can arrive, however long we wait.
                                    return Asyncio.sleep(Duration.ofMillis(300));
                                },
                                y -> {
                                    buffered[1] = r.buffered();
                                    return r.readExactly(total);
                                },
                                bytes -> {
                                    events.add("read " + ((byte[]) bytes).length);
                                    return conn.closeAsync(null);
                                });
                    }));
            t.join(30_000);
            assertEquals(null, all);
        }
        assertEquals(List.of("paused: true", "read " + total), events);
        assertEquals(buffered[0], buffered[1], "the reader kept reading while paused");
        assertTrue(buffered[0] <= 2 * StreamReader.DEFAULT_LIMIT + 64 * 1024, "buffered " + buffered[0] + " bytes while paused");
    }

    @Test
    void aFailedServerHandshakeIsReportedAndNeverReachesTheHandler() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(report -> events.add("reported: " + report.message()
                    + " / " + report.exception().getClass().getSimpleName()));
            return Flow.run(
                    x -> Tls.startServer((r, w) -> {
                        events.add("handler called");
                        return Task.completed();
                    }, "127.0.0.1", 0, server),
                    s -> {
                        Server srv = (Server) s;
                        return Flow.run(
                                y -> Asyncio.toThread(() -> {
                                    // The JDK's default trust store does not trust the test certificate.
                                    try (SSLSocket sock = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                                            .createSocket("localhost", srv.port())) {
                                        sock.startHandshake();
                                        events.add("client handshake succeeded");
                                    } catch (SSLException e) {
                                        events.add("client refused the certificate");
                                    }
                                    return null;
                                }),
                                y -> pollUntil(() -> events.size() == 2, 5000),
                                y -> {
                                    srv.close();
                                    return srv.waitClosed();
                                });
                    });
        });
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.contains("client refused the certificate"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("reported: TLS handshake failed with /127.0.0.1:")
                && e.endsWith(" / SSLHandshakeException")), events.toString());
    }
}

package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import java.util.concurrent.atomic.AtomicReference;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real descriptor exhaustion (Linux): five clients wait in the accept queue, then this JVM's soft
 * limit of open files is lowered (with prlimit) so that only two more descriptors fit. The server
 * accepts two, gets EMFILE on the third, reports it and pauses; once descriptors are free again it
 * retries and serves everyone, and keeps serving new clients.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FdExhaustionTest {
    static final String HOST = "127.0.0.1";

    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length - 1; // minus the descriptor used to list the directory
    }

    static long softLimit() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (l.startsWith("Max open files")) {
                return Long.parseLong(l.substring(26).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no 'Max open files' in /proc/self/limits");
    }

    static void setSoftLimit(long soft) {
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", String.valueOf(ProcessHandle.current().pid()),
                    "--nofile=" + soft + ":")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertEquals(0, p.waitFor(), "prlimit failed");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("could not run prlimit", e);
        }
    }

    /**
     * Runs in a child JVM: while descriptors are exhausted, a class that fails to load (from a
     * directory on the class path) stays unresolvable for the rest of that JVM's life, so the
     * scenario must not share a JVM with other tests.
     */
    @Test
    void acceptPausesOnEmfileAndTheServerSurvives() throws Exception {
        Assumptions.assumeTrue(new File("/proc/self/fd").isDirectory() && new File("/usr/bin/prlimit").canExecute(),
                "needs Linux /proc and prlimit");
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaCmd, "-ea", "-cp", System.getProperty("java.class.path"),
                FdExhaustionTest.class.getName())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("SCENARIO OK"), out);
    }

    public static void main(String[] args) throws Exception {
        scenario();
        System.out.println("SCENARIO OK");
        System.exit(0);
    }

    /**
     * Loads every asyncio4j class found in class-path directories: with descriptors exhausted, a
     * class file cannot be opened, and whichever path first needs a class would fail. (From a jar,
     * already open, loading needs no new descriptor.)
     */
    static void preloadRuntimeClasses() throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path root = Path.of(entry);
            Path pkg = root.resolve("org/asyncio4j");
            if (!Files.isDirectory(pkg)) {
                continue;
            }
            try (var files = Files.walk(pkg)) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class"))::iterator) {
                    String name = root.relativize(f).toString().replace(File.separatorChar, '.');
                    try {
                        Class.forName(name.substring(0, name.length() - ".class".length()), false,
                                FdExhaustionTest.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        throw new IOException("could not preload " + name, e);
                    }
                }
            }
        }
    }

    static void scenario() throws Exception {
        preloadRuntimeClasses();
        long original = softLimit();
        setSoftLimit(original); // warms up process spawning (classes, helper) before the limit is tight
        List<ErrorReport> reports = new ArrayList<>();
        List<Socket> clients = new ArrayList<>();
        List<java.io.FileInputStream> spares = new ArrayList<>();
        int[] handled = new int[1];
        List<String> log = new ArrayList<>();
        Server[] server = new Server[1];
        AtomicReference<Promise<Void>> paused = new AtomicReference<>();
        try {
            Asyncio.run(() -> {
                paused.set(new Promise<>());
                EventLoop.current().setExceptionHandler(r -> {
                    reports.add(r);
                    paused.get().complete(null);
                });
                return Flow.run(
                        x -> Asyncio.startServer((r, w) -> {
                            handled[0]++;
                            return new EchoHandler(r, w, null).begin();
                        }, HOST, 0),
                        x -> {
                            server[0] = (Server) x;
                            // Warm the echo path (classes load from files: no loading once the limit is tight).
                            return Asyncio.openConnection(HOST, server[0].port());
                        },
                        x -> {
                            Connection c = (Connection) x;
                            c.writer().write(bytes("warm\n"));
                            return Flow.run(y -> c.reader().readLine(), y -> c.closeAsync(null));
                        },
                        x -> {
                            handled[0] = 0;
                            // Five clients complete their handshake in the kernel's accept queue now,
                            // before the loop selects again; then only two more descriptors fit.
                            for (int i = 0; i < 5; i++) {
                                Socket s = new Socket();
                                s.connect(new InetSocketAddress(HOST, server[0].port()));
                                clients.add(s);
                            }
                            // Spare descriptors, given back before prlimit is spawned again to restore the limit.
                            for (int i = 0; i < 16; i++) {
                                spares.add(new java.io.FileInputStream("/dev/null"));
                            }
                            setSoftLimit(openFds() + 2);
                            return paused.get();
                        },
                        x -> {
                            // RLIMIT_NOFILE bounds descriptor numbers, not their count: "about two" fit.
                            log.add("paused with some accepted: " + (handled[0] >= 1 && handled[0] < 5));
                            for (Socket s : clients) {
                                s.close(); // the rest are accepted after the retry and see EOF
                            }
                            for (java.io.FileInputStream f : spares) {
                                f.close();
                            }
                            setSoftLimit(original);
                            return new FaultsTest.PollUntil(() -> handled[0] == 5).begin();
                        },
                        x -> {
                            log.add("accepted after the retry: " + handled[0]);
                            return Asyncio.openConnection(HOST, server[0].port());
                        },
                        x -> {
                            Connection c = (Connection) x;
                            c.writer().write(bytes("still serving\n"));
                            return Flow.run(y -> c.reader().readLine(), y -> {
                                log.add(str(y).trim());
                                return c.closeAsync(null);
                            });
                        },
                        x -> server[0].closeAsync(null));
            });
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            for (java.io.FileInputStream f : spares) {
                f.close();
            }
            setSoftLimit(original);
        }
        assertEquals(List.of("paused with some accepted: true", "accepted after the retry: 5", "echo:still serving"), log);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).message().startsWith("accept() failed"), reports.get(0).message());
        assertTrue(String.valueOf(reports.get(0).exception()).contains("Too many open files"), String.valueOf(reports.get(0).exception()));
    }

}

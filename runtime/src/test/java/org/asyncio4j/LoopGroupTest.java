package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.net.Server;
import org.junit.jupiter.api.Test;

/** LoopGroup: N loops on N threads, work spread round-robin, one server per loop on one port, clean close. */
class LoopGroupTest {

    private static Task<String> threadName() {
        return Task.completed(Thread.currentThread().getName());
    }

    @Test
    void submitSpreadsRoundRobinAndEachTaskRunsOnItsLoopsThread() throws Exception {
        try (LoopGroup g = LoopGroup.start(2)) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                names.add(g.submit(LoopGroupTest::threadName).get(30, TimeUnit.SECONDS));
            }
            assertEquals(List.of("asyncio4j-loop-0", "asyncio4j-loop-1", "asyncio4j-loop-0", "asyncio4j-loop-1"), names);
            assertEquals("asyncio4j-loop-1", g.submit(1, LoopGroupTest::threadName).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void failuresAndCancellationCrossTheFuture() throws Exception {
        try (LoopGroup g = LoopGroup.start(1)) {
            CompletableFuture<Integer> failing = g.submit(() -> Task.failed(new IllegalStateException("no")));
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
            assertEquals("no", e.getCause().getMessage());
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<Boolean> sleepCancelled = new CompletableFuture<>();
            CompletableFuture<Integer> sleeping = g.submit(() -> {
                Task<Integer> s = Asyncio.sleep(Duration.ofHours(1), 1);
                s.addDoneCallback(x -> sleepCancelled.complete(x.isCancelled()));
                started.countDown();
                return s;
            });
            assertTrue(started.await(30, TimeUnit.SECONDS), "the body did not run");
            sleeping.cancel(false);
            // the cancel crosses to the loop: the task, and the sleep it awaits, are cancelled there
            assertTrue(sleepCancelled.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeCancelsWhatStillRunsAndStopsTheThreads() throws Exception {
        LoopGroup g = LoopGroup.start(2);
        CompletableFuture<Integer> forever = g.submit(() -> Asyncio.sleep(Duration.ofHours(1), 1));
        Thread t0 = threadOf(g, 0);
        g.close();
        assertTrue(forever.isCancelled());
        assertThrows(CancellationException.class, forever::join);
        assertFalse(t0.isAlive());
        assertTrue(g.loop(0).isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.submit(LoopGroupTest::threadName));
        assertEquals("this LoopGroup is closed", e.getMessage());
        g.close(); // idempotent
    }

    private static Thread threadOf(LoopGroup g, int i) throws Exception {
        CompletableFuture<Thread> f = new CompletableFuture<>();
        g.loop(i).callSoonThreadsafe(() -> f.complete(Thread.currentThread()));
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void oneServerPerLoopOnOnePortAndTheKernelSpreadsTheConnections() throws Exception {
        try (LoopGroup g = LoopGroup.start(2)) {
            List<Server> servers = g.startServer((r, w) -> {
                w.write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.UTF_8));
                Task<Void> drained = w.drain();
                drained.addDoneCallback(x -> w.close());
                return drained;
            }, "127.0.0.1", 0);
            assertEquals(2, servers.size());
            int port = servers.get(0).port();
            assertEquals(port, servers.get(1).port());
            Set<String> served = new TreeSet<>();
            // SO_REUSEPORT hashes each connection to one listener: 64 connections all on one of two
            // listeners would happen once in 2^63 runs
            for (int i = 0; i < 64; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    out.flush();
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                    served.add(line);
                }
            }
            assertEquals(Set.of("asyncio4j-loop-0", "asyncio4j-loop-1"), served);
        }
    }

    /** Each connection gets the name of the thread that served it, then the connection closes. */
    private static Task<Void> nameTheLoop(org.asyncio4j.net.StreamReader r, org.asyncio4j.net.StreamWriter w) {
        w.write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.UTF_8));
        Task<Void> drained = w.drain();
        drained.addDoneCallback(x -> w.close());
        return drained;
    }

    private static String servedBy(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void theHandOffFallbackSpreadsConnectionsRoundRobinFromOneAcceptor() throws Exception {
        for (int n : new int[] {2, 3}) {
            try (LoopGroup g = LoopGroup.start(n)) {
                List<Server> servers = g.startServer(LoopGroupTest::nameTheLoop, "127.0.0.1", 0, LoopGroup.Spread.HAND_OFF);
                assertEquals(n, servers.size());
                int port = servers.get(0).port();
                assertTrue(port > 0);
                for (int i = 1; i < n; i++) {
                    assertEquals(-1, servers.get(i).port(), "only loop 0 listens");
                }
                List<String> served = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 4 * n; i++) {
                    served.add(servedBy(port)); // one after another: the k-th accept goes to loop k mod n
                    expected.add("asyncio4j-loop-" + (i % n));
                }
                assertEquals(expected, served);
            }
        }
    }

    @Test
    void theHandOffServersCountTheirConnectionsAndCloseWithTheGroup() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch handled = new java.util.concurrent.CountDownLatch(4);
        LoopGroup g = LoopGroup.start(2);
        List<Server> servers = g.startServer((r, w) -> {
            handled.countDown(); // the connection is counted by its server before its handler starts
            Promise<Void> held = new Promise<>();
            release.thenRun(() -> held.complete(null)); // thread-safe: completes on the serving loop
            return held;
        }, "127.0.0.1", 0, LoopGroup.Spread.HAND_OFF);
        int port = servers.get(0).port();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(30_000);
                clients.add(s);
            }
            assertTrue(handled.await(30, TimeUnit.SECONDS), "4 connections made, " + handled.getCount() + " not handled");
            for (int i = 0; i < 2; i++) {
                Server server = servers.get(i);
                assertEquals(2, g.submit(i, () -> Task.completed(server.connectionCount())).get(30, TimeUnit.SECONDS),
                        "connections served by loop " + i);
            }
        } finally {
            g.close(); // cancels the held handlers: every connection is closed by its loop
            for (Socket s : clients) {
                assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
                s.close();
            }
        }
        assertTrue(g.loop(0).isClosed() && g.loop(1).isClosed());
    }

    @Test
    void autoUsesReusePortWhereTheOsHasIt() throws Exception {
        try (LoopGroup g = LoopGroup.start(2)) {
            List<Server> servers = g.startServer(LoopGroupTest::nameTheLoop, "127.0.0.1", 0);
            // Linux and macOS have SO_REUSEPORT: both loops listen on the one port; elsewhere loop 0 hands off
            assertEquals(HandOff.reusePortSupported() ? servers.get(0).port() : -1, servers.get(1).port());
        }
    }
}

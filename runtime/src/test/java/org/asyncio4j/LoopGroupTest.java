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
}

package org.asyncio4j;

import static org.asyncio4j.S.after;
import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section N: seed tutorial cases S1, S6 and S7. */
class SeedCasesTest {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void seedS1_gatherKeepsArgumentOrderAndRunsConcurrently() {
        long[] end = new long[1];
        List<String> r = S.run(() -> S.start(x -> await(Asyncio.gather(after(2000, "A", log), after(1000, "B", log),
                after(3000, "C", log))), x -> {
                    end[0] = S.now();
                    return done(x.get());
                }));
        assertEquals(List.of("A", "B", "C"), r);
        assertEquals(List.of("B@1000", "A@2000", "C@3000"), log);
        assertEquals(3_000_000_000L, end[0], "3 s, not 6 s");
    }

    /** A job: sleeps {@code ms}, logs, returns {@code name}; logs its cancellation. */
    Task<Object> job(String name, long ms, RuntimeException failure) {
        return S.start(r -> await(S.sleep(ms)), r -> {
            try {
                r.get();
            } catch (CancelledError e) {
                log.add(name + " cancelled@" + t());
                throw e;
            }
            if (failure != null) {
                log.add(name + " raises@" + t());
                throw failure;
            }
            log.add(name + " done@" + t());
            return done(name);
        });
    }

    @Test
    void seedS6_taskGroupWithOneFailingJob() {
        IllegalStateException bad = new IllegalStateException("bad job");
        Task<?>[] ok1 = new Task<?>[1];
        Task<?>[] ok3 = new Task<?>[1];
        TaskGroup[] g = new TaskGroup[1];
        Throwable[] pending = new Throwable[1];
        S.run(() -> S.start(r -> {
            g[0] = new TaskGroup();
            ok1[0] = g[0].spawn(() -> job("ok1", 1000, null));
            ok3[0] = g[0].spawn(() -> job("ok3", 3000, null));
            g[0].spawn(() -> job("bad2", 2000, bad));
            return await(Asyncio.sleep(Duration.ofSeconds(10))); // the body's pending await
        }, r -> {
            if (r.error instanceof CancelledError) {
                log.add("body cancelled@" + t());
            }
            pending[0] = r.error;
            return await(g[0].closeAsync(pending[0]));
        }, r -> {
            try {
                r.get();
                if (pending[0] != null) {
                    throw pending[0];
                }
            } catch (ExceptionGroup eg) {
                assertEquals(1, eg.exceptions().size());
                assertSame(bad, eg.exceptions().get(0));
                log.add("ExceptionGroup@" + t() + " cancelling=" + Task.current().cancelling());
            }
            return done();
        }));
        assertEquals(List.of("ok1 done@1000", "bad2 raises@2000", "ok3 cancelled@2000", "body cancelled@2000",
                "ExceptionGroup@2000 cancelling=0"), log);
        assertEquals("ok1", ok1[0].result());
        assertTrue(ok3[0].isCancelled());
    }

    /** Ticks every 100 ms of loop time; at tick {@code releaseAt} opens {@code latch} and stops. */
    Task<Void> ticker(int releaseAt, CountDownLatch latch) {
        int[] n = {0};
        return S.start(r -> await(S.sleep(100)), r -> {
            r.get();
            n[0]++;
            log.add("tick@" + t());
            if (n[0] == releaseAt) {
                latch.countDown();
                return done();
            }
            return S.jump(S.sleep(100), 1);
        });
    }

    @Test
    void seedS7_toThreadDoesNotBlockTheLoop() {
        // The thread stands for time.sleep(1): it is blocked until the loop has ticked ten times
        // (1 s of loop time), which can only happen if the loop keeps running meanwhile.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CountDownLatch second = new CountDownLatch(1);
            List<Object> r = S.run(() -> Asyncio.gather(ticker(10, second), Asyncio.toThread(() -> {
                if (!second.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the loop did not tick");
                }
                log.add("thread done");
                return "slept";
            })));
            assertEquals("slept", r.get(1));
        });
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add("tick@" + (i * 100));
        }
        expected.add("thread done");
        assertEquals(expected, log);
    }

    @Test
    void seedS7_severalToThreadCallsRunInParallel() {
        // Five blocking calls that can only finish together: each waits at a barrier for the other
        // four, which is possible only if the default executor runs them at the same time.
        int n = 5;
        assertTrue(Math.min(32, Runtime.getRuntime().availableProcessors() + 4) >= n);
        CyclicBarrier barrier = new CyclicBarrier(n);
        List<Integer> r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> S.run(() -> {
            List<Task<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                calls.add(Asyncio.toThread(() -> {
                    barrier.await(60, TimeUnit.SECONDS);
                    return k;
                }));
            }
            return Asyncio.gather(calls);
        }));
        assertEquals(List.of(0, 1, 2, 3, 4), r);
    }
}

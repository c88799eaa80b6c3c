package org.asyncio4j.bench.vt;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.asyncio4j.bench.Measure;

/**
 * W1 on virtual threads: n virtual threads each {@code Thread.sleep(sleepMs)}, then joined. Spawn
 * time runs until every thread has reached its sleep (a latch), as for the other peers.
 */
public final class SpawnSleepJoin {
    private SpawnSleepJoin() {}

    static void round(int n, long sleepMs, Measure m) throws InterruptedException {
        ThreadFactory f = VirtualThreads.factory();
        long baseline = m == null ? 0 : Measure.heapAfterFullGc();
        CountDownLatch reached = new CountDownLatch(n);
        long c0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        Thread[] ts = new Thread[n];
        for (int i = 0; i < n; i++) {
            Thread t = f.newThread(() -> {
                reached.countDown();
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            ts[i] = t;
        }
        reached.await();
        long spawnNs = System.nanoTime() - t0;
        long spawnCpu = Measure.cpuNanos() - c0;
        if (m != null) {
            m.put("spawnMs", spawnNs / 1e6).put("spawnCpuMs", spawnCpu / 1e6).put("bytesPerTask", (double) (Measure.heapAfterFullGc() - baseline) / n);
        }
        for (Thread t : ts) {
            t.join();
        }
        if (m != null) {
            m.put("totalMs", (System.nanoTime() - t0) / 1e6);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        round(Math.min(n, 20_000), 50, null); // warm-up
        Measure m = new Measure().put("n", n).put("clock", "system");
        round(n, Measure.intArg(a, "sleepMs"), m);
        m.emit();
    }
}

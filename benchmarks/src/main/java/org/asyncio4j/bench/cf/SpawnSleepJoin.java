package org.asyncio4j.bench.cf;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.bench.Measure;

/**
 * W1 with CompletableFuture on one thread: the "loop" is a one-thread ScheduledThreadPoolExecutor;
 * a task is {@code sleep(d).thenApply(...)}, where sleep is a CompletableFuture completed by a
 * scheduled callback (what {@code CompletableFuture.delayedExecutor} does, minus its extra thread).
 */
public final class SpawnSleepJoin {
    private SpawnSleepJoin() {}

    static CompletableFuture<Void> sleep(ScheduledThreadPoolExecutor loop, long ms) {
        CompletableFuture<Void> cf = new CompletableFuture<>();
        loop.schedule(() -> cf.complete(null), ms, TimeUnit.MILLISECONDS);
        return cf;
    }

    static void round(int n, long sleepMs, Measure m) throws Exception {
        ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1);
        long[] t0 = new long[1];
        CompletableFuture<Void> all = CompletableFuture.supplyAsync(() -> {
            long baseline = m == null ? 0 : Measure.heapAfterFullGc();
            long c0 = Measure.cpuNanos();
            t0[0] = System.nanoTime();
            CompletableFuture<?>[] tasks = new CompletableFuture<?>[n];
            for (int i = 0; i < n; i++) {
                int k = i;
                tasks[i] = sleep(loop, sleepMs).thenApply(v -> k);
            }
            long spawnNs = System.nanoTime() - t0[0];
            long spawnCpu = Measure.cpuNanos() - c0;
            if (m != null) {
                m.put("spawnMs", spawnNs / 1e6).put("spawnCpuMs", spawnCpu / 1e6).put("bytesPerTask", (double) (Measure.heapAfterFullGc() - baseline) / n);
            }
            return CompletableFuture.allOf(tasks);
        }, loop).thenCompose(x -> x);
        all.get();
        if (m != null) {
            m.put("totalMs", (System.nanoTime() - t0[0]) / 1e6);
        }
        loop.shutdown();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        round(Math.min(n, 20_000), 50, null);
        Measure m = new Measure().put("n", n).put("clock", "system");
        round(n, Measure.intArg(a, "sleepMs"), m);
        m.emit();
    }
}

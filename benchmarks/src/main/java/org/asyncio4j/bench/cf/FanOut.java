package org.asyncio4j.bench.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.asyncio4j.bench.Measure;

/**
 * W3 with CompletableFuture on one thread: {@code supplyAsync(() -> i, loop)} n times from the loop
 * thread, then {@code allOf} and collect in order.
 */
public final class FanOut {
    private FanOut() {}

    static CompletableFuture<List<Integer>> rep(ExecutorService loop, int n) {
        return CompletableFuture.supplyAsync(() -> {
            CompletableFuture<?>[] cs = new CompletableFuture<?>[n]; // a generic array cannot be created: hence <?>
            for (int i = 0; i < n; i++) {
                int k = i;
                cs[i] = CompletableFuture.supplyAsync(() -> k, loop);
            }
            return CompletableFuture.allOf(cs).thenApply(v -> {
                List<Integer> out = new ArrayList<>(n);
                for (CompletableFuture<?> c : cs) {
                    out.add((Integer) c.join());
                }
                return out;
            });
        }, loop).thenCompose(x -> x);
    }

    static long runReps(ExecutorService loop, int n, int reps) {
        long sum = 0;
        for (int r = 0; r < reps; r++) {
            List<Integer> res = rep(loop, n).join();
            if (res.get(n - 1) != n - 1) {
                throw new AssertionError("wrong result");
            }
            sum += res.get(n / 2);
        }
        return sum;
    }

    public static void main(String[] args) {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        int reps = Measure.intArg(a, "reps");
        ExecutorService loop = Executors.newSingleThreadExecutor();
        runReps(loop, n, reps);
        runReps(loop, n, reps);
        long c0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        Measure.sink = runReps(loop, n, reps);
        long ns = System.nanoTime() - t0;
        long cpu = Measure.cpuNanos() - c0;
        loop.shutdown();
        new Measure().put("n", n).put("reps", reps).put("tasksPerSec", (double) n * reps / (ns / 1e9))
                .put("totalMs", ns / 1e6)
                .put("tasksPerCpuSec", (double) n * reps / (cpu / 1e9)).emit();
    }
}

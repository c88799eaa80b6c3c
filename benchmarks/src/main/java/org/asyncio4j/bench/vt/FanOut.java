package org.asyncio4j.bench.vt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.asyncio4j.bench.Measure;

/** W3 on virtual threads: n virtual threads each produce their index; join all, collect in order. */
public final class FanOut {
    private FanOut() {}

    static long runReps(ThreadFactory f, int n, int reps) throws InterruptedException {
        long sum = 0;
        for (int r = 0; r < reps; r++) {
            int[] out = new int[n];
            Thread[] ts = new Thread[n];
            for (int i = 0; i < n; i++) {
                int k = i;
                ts[i] = f.newThread(() -> out[k] = k);
                ts[i].start();
            }
            List<Integer> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ts[i].join();
                results.add(out[i]);
            }
            if (results.get(n - 1) != n - 1) {
                throw new AssertionError("wrong result");
            }
            sum += results.get(n / 2);
        }
        return sum;
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        int reps = Measure.intArg(a, "reps");
        ThreadFactory f = VirtualThreads.factory();
        runReps(f, n, reps);
        runReps(f, n, reps);
        long c0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        Measure.sink = runReps(f, n, reps);
        long ns = System.nanoTime() - t0;
        long cpu = Measure.cpuNanos() - c0;
        new Measure().put("n", n).put("reps", reps).put("tasksPerSec", (double) n * reps / (ns / 1e9))
                .put("totalMs", ns / 1e6)
                .put("tasksPerCpuSec", (double) n * reps / (cpu / 1e9)).emit();
    }
}

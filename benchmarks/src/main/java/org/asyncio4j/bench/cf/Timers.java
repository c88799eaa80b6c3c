package org.asyncio4j.bench.cf;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.bench.Measure;
import org.asyncio4j.bench.TimerDelays;

/**
 * W5 on a ScheduledThreadPoolExecutor with one thread (default policies: a cancelled task stays
 * queued until its time, as asyncio's). Scheduling and cancelling run on the executor's own
 * thread, so nothing fires before the cancels are done, as on the event loops.
 */
public final class Timers {
    private Timers() {}

    static void round(long[] delays, Measure m, boolean memory) throws Exception {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1);
        int n = delays.length;
        int expected = n - (n + 1) / 2;
        CompletableFuture<Long> allFired = new CompletableFuture<>();
        int[] fired = {0};
        Runnable tick = () -> {
            if (++fired[0] == expected) {
                allFired.complete(System.nanoTime());
            }
        };
        long[] t = new long[3];
        ex.submit(() -> {
            long baseline = memory ? Measure.heapAfterFullGc() : 0;
            long cpu0 = Measure.cpuNanos();
            long t0 = System.nanoTime();
            ScheduledFuture<?>[] fs = schedule(ex, delays, tick);
            long scheduleNs = System.nanoTime() - t0;
            if (memory) {
                m.put("bytesPerTimer", (double) (Measure.heapAfterFullGc() - baseline) / n);
            }
            long c0 = System.nanoTime();
            cancelEveryOther(fs);
            t[0] = scheduleNs + System.nanoTime() - c0;
            t[2] = Measure.cpuNanos() - cpu0;
            t[1] = t0;
        }).get();
        long end = allFired.get();
        if (m != null && !memory) {
            m.put("scheduleCancelMs", t[0] / 1e6).put("scheduleCancelCpuMs", t[2] / 1e6).put("totalMs", (end - t[1]) / 1e6);
        }
        ex.shutdown();
    }

    // The timed loops are methods of their own, warmed up by several rounds in main (as asyncio4j's
    // harness): inlined in the round's lambda, they were OSR-compiled once per round and deoptimised
    // at the round's end, so the measured round ran part of them interpreted.
    private static ScheduledFuture<?>[] schedule(ScheduledThreadPoolExecutor ex, long[] delays, Runnable tick) {
        ScheduledFuture<?>[] fs = new ScheduledFuture<?>[delays.length];
        for (int i = 0; i < delays.length; i++) {
            fs[i] = ex.schedule(tick, delays[i], TimeUnit.NANOSECONDS);
        }
        return fs;
    }

    private static void cancelEveryOther(ScheduledFuture<?>[] fs) {
        for (int i = 0; i < fs.length; i += 2) {
            fs[i].cancel(false);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        for (int r = 0; r < TimerDelays.WARMUP_ROUNDS; r++) { // warm-up
            round(TimerDelays.nanos(Math.min(n, TimerDelays.WARMUP_N), 20, 1 + r), null, false);
        }
        long[] delays = TimerDelays.nanos(n, Measure.intArg(a, "maxMs"), 42);
        Measure m = new Measure().put("n", n);
        round(delays, m, true);
        round(delays, m, false);
        m.emit();
    }
}

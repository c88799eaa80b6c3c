package org.asyncio4j.bench.a4j;

import java.time.Duration;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;
import org.asyncio4j.bench.Measure;
import org.asyncio4j.bench.TimerDelays;

/**
 * W5 on asyncio4j: {@code loop.callLater} n timers with random delays in 0..maxMs, cancel every
 * other one before any can fire (all of it in one loop callback), then run until the rest fired.
 */
public final class Timers {
    private Timers() {}

    /** With {@code memory} set, measures the heap per timer and no times (GC pauses would skew them). */
    static Task<Void> run(long[] delaysNanos, Measure m, boolean memory) {
        EventLoop loop = EventLoop.current();
        int n = delaysNanos.length;
        Promise<Void> allFired = new Promise<>();
        int[] fired = {0};
        int expected = n - (n + 1) / 2;
        Runnable tick = () -> {
            if (++fired[0] == expected) {
                allFired.complete(null);
            }
        };
        long baseline = memory ? Measure.heapAfterFullGc() : 0;
        long cpu0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        TimerHandle[] handles = schedule(loop, delaysNanos, tick);
        long scheduleNs = System.nanoTime() - t0;
        if (memory) {
            m.put("bytesPerTimer", (double) (Measure.heapAfterFullGc() - baseline) / n);
        }
        long c0 = System.nanoTime();
        cancelEveryOther(handles);
        long cancelNs = System.nanoTime() - c0;
        long cpuNs = Measure.cpuNanos() - cpu0;
        allFired.addDoneCallback(t -> {
            if (m != null && !memory) {
                m.put("scheduleCancelMs", (scheduleNs + cancelNs) / 1e6).put("scheduleCancelCpuMs", cpuNs / 1e6)
                        .put("totalMs", (System.nanoTime() - t0) / 1e6);
            }
        });
        return allFired;
    }

    // The timed loops are methods of their own, warmed up by several rounds in main: inlined in
    // run(), they were OSR-compiled once per round and deoptimised at the round's end, so the
    // measured round ran part of them interpreted (as the executor's harness does the same).
    private static TimerHandle[] schedule(EventLoop loop, long[] delaysNanos, Runnable tick) {
        TimerHandle[] handles = new TimerHandle[delaysNanos.length];
        for (int i = 0; i < delaysNanos.length; i++) {
            handles[i] = loop.callLater(Duration.ofNanos(delaysNanos[i]), tick);
        }
        return handles;
    }

    private static void cancelEveryOther(TimerHandle[] handles) {
        for (int i = 0; i < handles.length; i += 2) {
            handles[i].cancel();
        }
    }

    public static void main(String[] args) {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        int maxMs = Measure.intArg(a, "maxMs");
        for (int round = 0; round < TimerDelays.WARMUP_ROUNDS; round++) { // warm-up
            long[] warm = TimerDelays.nanos(Math.min(n, TimerDelays.WARMUP_N), 20, 1 + round);
            Asyncio.run(() -> run(warm, null, false));
        }
        long[] delays = TimerDelays.nanos(n, maxMs, 42);
        Measure m = new Measure().put("n", n);
        Asyncio.run(() -> run(delays, m, true));
        Asyncio.run(() -> run(delays, m, false));
        m.emit();
    }
}

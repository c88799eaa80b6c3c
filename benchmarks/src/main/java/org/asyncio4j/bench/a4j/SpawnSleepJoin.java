package org.asyncio4j.bench.a4j;

import java.time.Duration;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.bench.Measure;

/**
 * W1 on asyncio4j: n tasks each sleeping {@code sleepMs} on the real (system) clock, all alive at
 * once, then joined. Each task is a call of the {@code @Async} method {@link Sleepers#sleeper()}
 * (a generated machine, started eagerly: it runs to its sleep inside the spawn loop).
 */
public final class SpawnSleepJoin {
    private SpawnSleepJoin() {}

    /** Spawns, measures with everything alive, then awaits every child in order (the join). */
    static final class Main extends Coroutine<Void> {
        private final int n;
        private final Duration d;
        private final Measure m;
        private Task<?>[] children;
        private int i;
        private long t0;

        Main(int n, Duration d, Measure m) {
            this.n = n;
            this.d = d;
            this.m = m;
        }

        Task<Void> call() {
            return start();
        }

        @Override
        protected void resume() {
            if (state == 0) {
                Sleepers.sleep = d;
                long baseline = m == null ? 0 : Measure.heapAfterFullGc();
                long c0 = Measure.cpuNanos();
                t0 = System.nanoTime();
                children = new Task<?>[n];
                for (int k = 0; k < n; k++) {
                    children[k] = AsyncSleepers.sleeper();
                }
                long spawnNs = System.nanoTime() - t0;
                long spawnCpu = Measure.cpuNanos() - c0;
                if (m != null) {
                    long live = Measure.heapAfterFullGc() - baseline;
                    m.put("spawnMs", spawnNs / 1e6).put("spawnCpuMs", spawnCpu / 1e6).put("bytesPerTask", (double) live / n);
                    if (HISTOGRAM) {
                        System.out.println(Measure.classHistogram(15));
                    }
                }
                i = 0;
            } else {
                awaited();
                i++;
            }
            while (i < n) {
                if (await(children[i], 1)) return;
                awaited();
                i++;
            }
            if (m != null) {
                m.put("totalMs", (System.nanoTime() - t0) / 1e6);
            }
            returnValue(null);
        }
    }

    /** {@code histogram=true}: print the live classes with every task asleep (diagnosis, not timed). */
    private static boolean HISTOGRAM;

    public static void main(String[] args) {
        Map<String, String> a = Measure.args(args);
        HISTOGRAM = Boolean.parseBoolean(a.get("histogram"));
        int n = Measure.intArg(a, "n");
        Duration d = Duration.ofMillis(Measure.intArg(a, "sleepMs"));
        // Warm-up: class loading and JIT of the spawn path, on a short sleep.
        Asyncio.run(() -> new Main(Math.min(n, 20_000), Duration.ofMillis(50), null).call());
        Measure m = new Measure().put("n", n).put("clock", "system");
        Asyncio.run(() -> new Main(n, d, m).call());
        m.emit();
    }
}

package org.asyncio4j.bench.traces;

import org.asyncio4j.Asyncio;

/**
 * The cost of an exception leaving tasks (issue 17: async frames and the trimming of the engine's
 * frames, in normal mode): nanoseconds per exception thrown three awaits deep and caught, its stack
 * trace read, beside the same through three plain calls. Whole process, warmed up in-process first.
 * Times are the CPU time of the thread running the loop (everything here runs on it), so that a
 * busy shared machine inflates them less than wall time.
 * {@code java ... ThrowBench [n=200000] [rounds=5]}; prints one RESULT line with the median round.
 */
public final class ThrowBench {
    private ThrowBench() {}

    public static void main(String[] args) {
        int n = 200_000;
        int rounds = 5;
        for (String a : args) {
            if (a.startsWith("n=")) {
                n = Integer.parseInt(a.substring(2));
            } else if (a.startsWith("rounds=")) {
                rounds = Integer.parseInt(a.substring(7));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + ": use n=COUNT rounds=COUNT");
            }
        }
        AsyncThrower t = new AsyncThrower();
        int warm = n / 4;
        run(t, false, warm);
        run(t, true, warm);
        plain(warm);
        double[] eager = new double[rounds];
        double[] suspending = new double[rounds];
        double[] plain = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            eager[r] = run(t, false, n);
            suspending[r] = run(t, true, n);
            plain[r] = plain(n);
        }
        System.out.printf(java.util.Locale.ROOT, "RESULT eagerCpuNsPerThrow=%.0f suspendingCpuNsPerThrow=%.0f plainCpuNsPerThrow=%.0f"
                + " fullTraces=%s%n", median(eager), median(suspending), median(plain),
                Boolean.getBoolean("asyncio4j.fullTraces"));
    }

    private static volatile long sink;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double run(AsyncThrower t, boolean suspend, int n) {
        long t0 = cpu();
        long sum = Asyncio.run(() -> t.loop(suspend, n));
        long dt = cpu() - t0;
        sink += sum;
        return (double) dt / n;
    }

    private static double plain(int n) {
        long t0 = cpu();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try {
                sum += Thrower.plain3(i);
            } catch (IllegalStateException e) {
                sum += e.getStackTrace().length;
            }
        }
        long dt = cpu() - t0;
        sink += sum;
        return (double) dt / n;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}

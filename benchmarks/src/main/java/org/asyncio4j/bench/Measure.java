package org.asyncio4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a forked workload process uses to measure itself and hand its figures to the runner: one
 * {@code RESULT key=value ...} line on stdout (the Kotlin and Python peers print the same line).
 */
public final class Measure {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Measure put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Prints the RESULT line the runner parses, with the peak RSS added. */
    public void emit() {
        put("peakRssBytes", peakRssBytes());
        StringBuilder sb = new StringBuilder("RESULT");
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        System.out.println(sb);
        System.out.flush();
    }

    /**
     * Heap in use after full collections. Several rounds, because one System.gc() can leave objects
     * that finalization or reference processing frees only in the next one. The workloads run with
     * ParallelGC (see Runner), where System.gc() is a full, stop-the-world collection.
     */
    public static long heapAfterFullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            long u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (u >= used - 4096 && i >= 1) {
                return u;
            }
            used = Math.min(used, u);
        }
        return used;
    }

    /**
     * The top of the live-object class histogram (jcmd GC.class_histogram, which collects first): the
     * per-class instance counts and bytes behind a "bytes per task" figure. For diagnosis runs.
     */
    public static String classHistogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] ls = String.valueOf(out).split("\n");
            return String.join("\n", java.util.Arrays.copyOf(ls, Math.min(ls.length, lines + 2)));
        } catch (javax.management.JMException e) {
            return "class histogram unavailable: " + e;
        }
    }

    /**
     * CPU time of the whole process (every thread, GC and JIT included), in nanoseconds. The
     * machines these run on are shared, so beside wall time this tells the work done.
     */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is missing. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Arguments of the form key=value. */
    public static Map<String, String> args(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            int i = a.indexOf('=');
            if (i < 0) {
                throw new IllegalArgumentException("argument '" + a + "' is not key=value");
            }
            m.put(a.substring(0, i), a.substring(i + 1));
        }
        return m;
    }

    public static int intArg(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return Integer.parseInt(v);
    }

    /** Keeps a value alive and observable so that the JIT cannot drop the work that made it. */
    public static volatile Object sink;
}

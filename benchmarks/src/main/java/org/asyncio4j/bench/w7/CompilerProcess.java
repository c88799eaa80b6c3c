package org.asyncio4j.bench.w7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asyncio4j.bench.Measure;

/**
 * Runs one whole compiler process (javac or kotlinc) and prints its figures as the RESULT line:
 * {@code compileMs}, the wall time from start to exit, and {@code compileCpuMs}, the CPU time of the
 * process and all its threads (JIT and GC included), which says what the compile costs when other
 * work shares the machine and stretches the wall time.
 */
final class CompilerProcess {
    private CompilerProcess() {}

    /** Linux reports child times in clock ticks of 1/100 s (USER_HZ is 100 on every Linux ABI in use). */
    private static final long MS_PER_TICK = 10;

    /** Runs {@code cmd} with its output in {@code log}; throws with that output if it fails. */
    static void timeAndEmit(String compiler, List<String> cmd, Path log, int methods)
            throws IOException, InterruptedException {
        long cpu0 = reapedChildrenCpuMs();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpu1 = reapedChildrenCpuMs();
        if (rc != 0) {
            throw new IllegalStateException(compiler + " failed (exit code " + rc + "): " + Files.readString(log));
        }
        // The compilers' own warnings (not the JVM's upper-case "WARNING:" lines): the corpora compile
        // with none, so that neither compiler spends time reporting; the count is kept in raw.csv.
        long warnings = Files.readAllLines(log).stream().filter(l -> l.contains("warning:")).count();
        Measure m = new Measure().put("compileMs", ms).put("methods", methods).put("warnings", warnings);
        if (cpu0 >= 0 && cpu1 >= 0) {
            m.put("compileCpuMs", cpu1 - cpu0);
        }
        m.emit();
    }

    /**
     * User + system CPU of this process's children that have been waited for (cutime + cstime of
     * /proc/self/stat): {@link Process#waitFor} returns once the JVM has reaped the child, so the
     * difference around one compile is that compiler's CPU. -1 where there is no /proc.
     */
    static long reapedChildrenCpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces): field 3 is at index 0.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return (Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3])) * MS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine facts RESULTS.md states. */
record Env(String mode, Jdks.Jdk jdk, List<String> flags, String python, String pythonVersion, int cores,
           String cpu, String memory, String os, String date, String commit, String loadAtStart,
           double nanoTimeNs) {

    static Env describe(Plan.Mode mode, Jdks.Jdk jdk, List<String> flags, String python, Path dir) {
        return new Env(mode.name(), jdk, flags, python, python == null ? "none" : output(List.of(python, "--version")),
                Runtime.getRuntime().availableProcessors(), procField("/proc/cpuinfo", "model name"),
                procField("/proc/meminfo", "MemTotal"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                output(List.of("git", "-C", dir.toString(), "rev-parse", "--short", "HEAD")), loadAverage(),
                nanoTimeCost());
    }

    /**
     * CPU time one System.nanoTime() costs here, in ns (best of 5 rounds of 200,000 calls; thread
     * CPU time, so a busy machine does not inflate it). Every peer reads the clock when it
     * schedules a timer; in VMs the read is often several times dearer than on bare metal (~20 ns).
     */
    static double nanoTimeCost() {
        java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int r = 0; r < 5; r++) {
            long c0 = tb.getCurrentThreadCpuTime();
            for (int i = 0; i < 200_000; i++) {
                sink += System.nanoTime();
            }
            best = Math.min(best, (tb.getCurrentThreadCpuTime() - c0) / 200_000.0);
        }
        Measure.sink = sink;
        return best;
    }

    /** /proc/loadavg's 1, 5 and 15 minute figures: other work on the machine skews every figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code --python}, else pyenv's 3.13.0, else python3 on the PATH, else null. */
    static String findPython(String flag) {
        if (flag != null) {
            return flag;
        }
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.13.0/bin/python3");
        if (Files.isExecutable(pyenv)) {
            return pyenv.toString();
        }
        String v = output(List.of("python3", "--version"));
        return v.startsWith("Python 3") ? "python3" : null;
    }

    static String output(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? s : "unknown";
        } catch (IOException | InterruptedException | IllegalThreadStateException e) {
            return "unknown";
        }
    }

    static String procField(String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(field)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}

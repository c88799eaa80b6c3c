package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one workload process and parses its RESULT line. */
final class Forks {
    private Forks() {}

    static final long TIMEOUT_MINUTES = 20;

    /** Runs {@code cmd}, logs its output to {@code log}, returns the RESULT figures or throws. */
    static Map<String, Double> run(List<String> cmd, Path workDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + TIMEOUT_MINUTES + " min: " + String.join(" ", cmd));
        }
        String out = Files.readString(log);
        Map<String, Double> r = parse(out);
        if (p.exitValue() != 0 || r == null) {
            throw new IOException("exit code " + p.exitValue() + (r == null ? ", no RESULT line" : "") + "; see " + log
                    + "; last output: " + tail(out));
        }
        return r;
    }

    /** The numeric values of the last RESULT line (non-numeric ones are dropped), or null. */
    static Map<String, Double> parse(String out) {
        Map<String, Double> r = null;
        for (String line : out.split("\n")) {
            if (!line.startsWith("RESULT")) {
                continue;
            }
            r = new LinkedHashMap<>();
            for (String kv : line.substring("RESULT".length()).trim().split("\\s+")) {
                int i = kv.indexOf('=');
                if (i > 0) {
                    try {
                        r.put(kv.substring(0, i), Double.parseDouble(kv.substring(i + 1)));
                    } catch (NumberFormatException e) {
                        // labels such as clock=system: kept in the log only
                    }
                }
            }
        }
        return r;
    }

    static String tail(String s) {
        String t = s.strip();
        return t.length() <= 400 ? t : "..." + t.substring(t.length() - 400);
    }

    /** Peak resident set of a live process (VmHWM), or -1. */
    static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

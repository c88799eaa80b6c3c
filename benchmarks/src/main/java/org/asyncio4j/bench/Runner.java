package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every workload on every peer, each run in its own process, and writes RESULTS.md, the SVG
 * charts and the raw figures. Usage (normally through {@code benchmarks/run}):
 * <pre>
 *   Runner [--quick | --full] [--jdk DIR] [--python EXE] [--only W1,W3] [--dir benchmarks-dir]
 * </pre>
 * With {@code --only}, the other workloads keep the figures of results/raw.csv (from an earlier run);
 * {@code --report-only} runs nothing and rewrites RESULTS.md and the charts from results/raw.csv.
 * <pre>
 * </pre>
 */
public final class Runner {
    /**
     * Every JVM peer of a workload runs with exactly the same flags (printed in RESULTS.md): these,
     * plus {@link #HUGE_PAGES} unless the workload asks for small pages ({@link Workload#smallPages}).
     */
    static final List<String> JVM_FLAGS = List.of("-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-Xss1m");

    /**
     * Transparent huge pages, because a first touch of a 4 KB page costs about 12 us on the VMs this
     * runs on (pre-touching a 4 GB heap: 10-12 s of system time with 4 KB pages, 0.2-2 s with 2 MB
     * ones): without them a JVM that allocates fast spends its first seconds, and every later growth
     * of eden, in page faults, and W2 measured 3 M hand-offs/s in those stretches against 40 M after
     * them (ANALYSIS.md, "W2"). Where the OS has no huge pages the JVM warns and goes on with small ones.
     */
    static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

    /**
     * The whole heap touched before {@code main} runs, for workloads measured over a few seconds right
     * after the JVM starts (W2's quick JMH forks: 1 s of warm-up, 2 s measured). Even with huge pages the
     * first touch of eden costs this VM about 1.7 s of CPU per GB (the kernel zeroes each page): a
     * program that allocates 16 bytes per hand-off spends its first 64 M hand-offs, several seconds,
     * touching the 1 GB eden, at half speed, so the measured seconds fall inside that phase; one that
     * allocates 64 bytes per hand-off leaves it within the warm-up (ANALYSIS.md, "Issue 18 hand-offs and
     * sleeps"). Pre-touching costs each JVM a few seconds of start-up, outside the measurement.
     */
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    /** The flags every JVM of workload {@code w} gets, peers and load client alike. */
    static List<String> flags(Workload w) {
        List<String> f = new ArrayList<>(JVM_FLAGS);
        if (!w.smallPages) {
            f.add(HUGE_PAGES);
        }
        if (w.preTouch) {
            f.add(PRE_TOUCH);
        }
        return List.copyOf(f);
    }

    private Runner() {}

    public static void main(String[] args) throws Exception {
        Plan.Mode mode = Plan.Mode.quick();
        String jdkFlag = null;
        String python = null;
        Set<String> only = null;
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = Plan.Mode.quick();
                case "--full" -> mode = Plan.Mode.full();
                case "--jdk" -> jdkFlag = args[++i];
                case "--python" -> python = args[++i];
                case "--only" -> only = Set.of(args[++i].toUpperCase(Locale.ROOT).split(","));
                case "--report-only" -> only = Set.of();
                case "--dir" -> dir = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: Runner [--quick|--full] [--jdk DIR] [--python EXE] [--only W1,W3] [--report-only] [--dir DIR]");
            }
        }
        Jdks.Jdk vtJdk = Jdks.findVirtualThreadJdk(jdkFlag);
        Jdks.Jdk jdk = vtJdk != null ? vtJdk : Jdks.current();
        String noVt = null;
        if (vtJdk == null) {
            noVt = "not measured: no JDK 21+ found (looked at " + String.join(", ", Jdks.looked)
                    + "); pass --jdk DIR or set JAVA_HOME to a JDK 21+";
            System.out.println("NOTE: no JDK 21 or newer found, so virtual threads are not measured; the other JVM"
                    + " peers run on JDK " + jdk.version() + ". Looked at: " + String.join(", ", Jdks.looked));
        }
        String py = Env.findPython(python);
        Env env = Env.describe(mode, jdk, JVM_FLAGS, py, dir);
        System.out.println("asyncio4j benchmarks, " + mode.name() + " mode: JVM peers on JDK " + jdk.version() + " ("
                + jdk.home() + ") with " + String.join(" ", JVM_FLAGS) + " (and " + HUGE_PAGES
                + " where the workload allows); Python: "
                + (py == null ? "none found (Python rows not measured)" : env.pythonVersion()));

        List<Workload> plan = Plan.build(mode);
        Path logs = dir.resolve("target/bench-logs");
        String classPath = classPath(dir);
        for (Workload w : plan) {
            if (only != null && only.stream().noneMatch(o -> w.id.toUpperCase(Locale.ROOT).startsWith(o))) {
                w.carriedFrom = RawCsv.carryOver(dir.resolve("results/raw.csv"), w);
                if (w.carriedFrom != null) {
                    System.out.printf("[%s] not run (--only): keeping the figures measured %s%n", w.id, w.carriedFrom);
                }
                w.cases.forEach(c -> {
                    if (c.notMeasured == null && c.runs.isEmpty()) {
                        c.notMeasured = "not run (--only)";
                    }
                });
                continue;
            }
            List<Case> interleaved = new ArrayList<>();
            for (Case c : w.cases) {
                if (c.notMeasured == null && c.needsVirtualThreads && noVt != null) {
                    c.notMeasured = noVt;
                }
                if (c.notMeasured == null && c.pythonScript != null && py == null) {
                    c.notMeasured = "not measured: no python3 found (pass --python EXE)";
                }
                if (c.notMeasured == null && "python".equals(c.echoServer) && py == null) {
                    c.notMeasured = "not measured: no python3 found (pass --python EXE)";
                }
                if (c.notMeasured != null) {
                    System.out.printf("[%s] %-34s %s%n", w.id, c.label(), c.notMeasured);
                    continue;
                }
                if (w.interleaved) {
                    interleaved.add(c);
                } else {
                    runCase(w, c, mode, jdk, py, classPath, dir, logs);
                }
            }
            // Run 1 of every case, then run 2 of every case...: a change of the machine's load during
            // the workload then falls on every row alike, not on one row's block of runs.
            for (int run = 1; run <= mode.runs(); run++) {
                for (Case c : interleaved) {
                    if (c.failures.isEmpty()) {
                        runCase(w, c, run, run, mode, jdk, py, classPath, dir, logs);
                    }
                }
            }
        }
        new Report(dir, env, plan, only != null && only.isEmpty()).write();
        System.out.println("wrote " + dir.resolve("RESULTS.md") + ", " + dir.resolve("results"));
    }

    static String classPath(Path dir) throws IOException {
        Path cpFile = dir.resolve("target/classpath.txt");
        if (!Files.isRegularFile(cpFile)) {
            throw new IllegalStateException(cpFile + " is missing: build first (benchmarks/run does)");
        }
        return dir.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(cpFile).strip();
    }

    static void runCase(Workload w, Case c, Plan.Mode mode, Jdks.Jdk jdk, String py, String cp, Path dir, Path logs) {
        runCase(w, c, 1, mode.runs(), mode, jdk, py, cp, dir, logs);
    }

    /** Runs number {@code first} to {@code last} of a case (a JMH case runs all its forks at once). */
    static void runCase(Workload w, Case c, int first, int last, Plan.Mode mode, Jdks.Jdk jdk, String py, String cp,
            Path dir, Path logs) {
        String slug = (w.id + "-" + c.label()).replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
        if (c.jmhMethod != null) {
            long t0 = System.nanoTime();
            System.out.printf("[%s] %-34s JMH, %d forks ...%n", w.id, c.label(), mode.runs());
            try {
                if (c.jmhClass.equals("AwaitOverheadBench")) {
                    JmhRuns.run(c, c.jmhClass, "nsPerStep", "cpuNsPerStep", null, mode, jdk, flags(w), logs.resolve(slug + ".jmh.log"));
                } else {
                    JmhRuns.run(c, c.jmhClass, "handoffsPerSec", "handoffsPerCpuSec", "bytesPerHandoff", mode, jdk, flags(w), logs.resolve(slug + ".jmh.log"));
                }
                for (int i = 0; i < c.runs.size(); i++) {
                    progress(w, c, i + 1, c.runs.size(), c.runs.get(i), 0);
                }
                System.out.printf("[%s] %-34s JMH done in %.1f s%n", w.id, c.label(), (System.nanoTime() - t0) / 1e9);
            } catch (Exception e) {
                fail(w, c, e);
            }
            return;
        }
        for (int run = first; run <= last; run++) {
            long t0 = System.nanoTime();
            Path log = logs.resolve(slug + "-run" + run + ".log");
            try {
                Map<String, Double> r;
                if (c.httpServer != null) {
                    List<String> sf = new ArrayList<>(flags(w));
                    sf.addAll(c.serverFlags);
                    List<String> server = javaCmd(jdk, sf, cp, "org.asyncio4j.bench.http.HttpPeers", c.httpServer.equals("a4j-loops")
                            ? List.of("peer=a4j", "loops=" + Runtime.getRuntime().availableProcessors())
                            : List.of("peer=" + c.httpServer));
                    List<String> client = javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.http.HttpLoad", c.args);
                    r = HttpRuns.run(server, client, mode.httpWarmupSec(), dir, log);
                } else if (c.echoServer != null) {
                    List<String> server = switch (c.echoServer) {
                        case "a4j" -> javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.echo.Asyncio4jEchoServer", List.of());
                        case "a4j-loops" -> javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.echo.Asyncio4jEchoServer",
                                List.of("loops=" + Runtime.getRuntime().availableProcessors()));
                        case "a4j-handoff" -> javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.echo.Asyncio4jEchoServer",
                                List.of("loops=" + Runtime.getRuntime().availableProcessors(), "spread=handoff"));
                        case "vt" -> javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.echo.VirtualThreadEchoServer", List.of());
                        case "kotlin" -> javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.kotlin.EchoServer", List.of());
                        case "python" -> List.of(py, dir.resolve("src/main/python/echo_server.py").toString());
                        default -> throw new IllegalStateException("no echo server " + c.echoServer);
                    };
                    List<String> client = javaCmd(jdk, flags(w), cp, "org.asyncio4j.bench.echo.LoadClient", c.args);
                    r = EchoRuns.run(server, client, dir, log);
                } else if (c.pythonScript != null) {
                    List<String> cmd = new ArrayList<>();
                    cmd.add(py);
                    cmd.add(dir.resolve("src/main/python/" + c.pythonScript).toString());
                    cmd.addAll(c.args);
                    r = Forks.run(cmd, dir, log);
                } else {
                    r = Forks.run(javaCmd(jdk, flags(w), cp, c.mainClass, c.args), dir, log);
                }
                c.runs.add(r);
                progress(w, c, run, mode.runs(), r, System.nanoTime() - t0);
            } catch (Exception e) {
                fail(w, c, e);
                return;
            }
        }
    }

    static void fail(Workload w, Case c, Exception e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        c.failures.add(msg);
        System.out.printf("[%s] %-34s FAILED: %s%n", w.id, c.label(), msg);
    }

    static List<String> javaCmd(Jdks.Jdk jdk, List<String> flags, String cp, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    static void progress(Workload w, Case c, int run, int runs, Map<String, Double> r, long ns) {
        StringBuilder sb = new StringBuilder();
        Map<String, Double> shown = new LinkedHashMap<>();
        for (Metric m : w.metrics) {
            Double v = r.get(m.key());
            if (v != null) {
                shown.put(m.key(), v);
                sb.append(' ').append(m.key()).append('=').append(Goals.fmt(v / m.scale()));
                if (m.scale() != 1) {
                    sb.append(m.unit());
                }
            }
        }
        System.out.printf("[%s] %-34s run %d/%d%s%s%n", w.id, c.label(), run, runs, sb,
                ns > 0 ? String.format(Locale.ROOT, " (%.1f s)", ns / 1e9) : "");
    }
}

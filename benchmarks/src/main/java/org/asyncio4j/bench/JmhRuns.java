package org.asyncio4j.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one JMH benchmark method in forked JVMs (the peers' JDK and flags); one run per fork. With a
 * {@code bytesKey}, JMH's GC profiler also runs and its bytes allocated per operation
 * ({@code gc.alloc.rate.norm}, exact whatever the load) are stored under that key.
 */
final class JmhRuns {
    private JmhRuns() {}

    static void run(Case c, String benchClass, String metricKey, String cpuMetricKey, String bytesKey, Plan.Mode mode, Jdks.Jdk jdk, java.util.List<String> flags,
                    java.nio.file.Path log) throws RunnerException, java.io.IOException {
        java.nio.file.Files.createDirectories(log.getParent());
        OptionsBuilder b = new OptionsBuilder();
        if (bytesKey != null) {
            b.addProfiler(org.openjdk.jmh.profile.GCProfiler.class);
        }
        Options o = b
                .include("\\." + benchClass + "\\." + c.jmhMethod + "$")
                .forks(mode.runs())
                .warmupIterations(mode.jmhWarmups())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(mode.jmhIterations())
                .measurementTime(TimeValue.seconds(1))
                .jvm(jdk.java().toString())
                .jvmArgs(flags.toArray(new String[0]))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .output(log.toString())
                .addProfiler(org.asyncio4j.bench.jmh.CpuTimeProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(o).run();
        for (RunResult rr : results) {
            for (BenchmarkResult fork : rr.getBenchmarkResults()) {
                Map<String, Double> r = new LinkedHashMap<>();
                r.put(metricKey, fork.getPrimaryResult().getScore());
                org.openjdk.jmh.results.Result<?> cpu = fork.getSecondaryResults().get(org.asyncio4j.bench.jmh.CpuTimeProfiler.RESULT);
                if (cpu != null) {
                    // the profiler gives operations per CPU second; time metrics want CPU ns per operation
                    r.put(cpuMetricKey, cpuMetricKey.startsWith("cpuNs") ? 1e9 / cpu.getScore() : cpu.getScore());
                }
                org.openjdk.jmh.results.Result<?> bytes = bytesKey == null ? null : fork.getSecondaryResults().get("gc.alloc.rate.norm");
                if (bytes != null) {
                    r.put(bytesKey, bytes.getScore());
                }
                c.runs.add(r);
            }
        }
        if (c.runs.isEmpty()) {
            throw new RunnerException("JMH returned no result for " + c.jmhMethod + "; see " + log);
        }
    }
}

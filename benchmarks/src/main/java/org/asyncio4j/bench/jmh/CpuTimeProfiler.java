package org.asyncio4j.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler giving operations per second of process CPU time (all threads, GC and JIT
 * included) as the secondary result {@code opsPerCpuSec}. On a shared machine wall-clock
 * throughput falls with the load; this figure tells the work each operation costs.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    public static final String RESULT = "opsPerCpuSec";
    private long cpu0;

    @Override
    public String getDescription() {
        return "operations per second of process CPU time";
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public void beforeIteration(BenchmarkParams bp, IterationParams ip) {
        cpu0 = processCpu();
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams bp, IterationParams ip, IterationResult ir) {
        double cpuSec = (processCpu() - cpu0) / 1e9;
        double ops = ir.getMetadata().getMeasuredOps(); // already scaled by @OperationsPerInvocation
        return List.of(new ScalarResult(RESULT, ops / cpuSec, "ops/cpu-s", AggregationPolicy.AVG));
    }
}

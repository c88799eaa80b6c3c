package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP workload: starts one server process ({@code bench.http.HttpPeers}), waits for its
 * {@code LISTENING port=N} line, runs the shared load client ({@code bench.http.HttpLoad}) against
 * it, and takes the server's CPU time at the end of the client's warm-up and at the end of its run:
 * server CPU per request = that difference over the timed requests. Then ends the server.
 */
final class HttpRuns {
    private HttpRuns() {}

    static Map<String, Double> run(List<String> serverCmd, List<String> clientCmdWithoutPort, int warmupSec,
            Path workDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Path serverLog = log.resolveSibling(log.getFileName() + ".server");
        Process server = new ProcessBuilder(serverCmd).directory(workDir.toFile())
                .redirectError(serverLog.toFile()).start();
        try {
            int port = EchoRuns.listeningPort(server, "HTTP server", serverLog);
            List<String> client = new ArrayList<>(clientCmdWithoutPort);
            client.add("port=" + port);
            long[] cpuAtWarmupEnd = {-1};
            // The client's own clock starts its timed phase warmupSec after it starts; this sample is
            // taken on the same schedule (the edges differ by the client JVM's start-up, a few ms of load).
            Thread sampler = new Thread(() -> {
                try {
                    Thread.sleep(warmupSec * 1000L);
                    cpuAtWarmupEnd[0] = cpuNanos(server);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "http-bench-cpu-sampler");
            sampler.start();
            Map<String, Double> res = Forks.run(client, workDir, log);
            long cpuEnd = cpuNanos(server);
            sampler.join();
            res.put("reqPerSec", res.remove("rps"));
            res.put("p50Us", res.remove("p50us"));
            res.put("p99Us", res.remove("p99us"));
            if (cpuAtWarmupEnd[0] >= 0 && cpuEnd >= 0) {
                res.put("serverCpuUsPerReq", (cpuEnd - cpuAtWarmupEnd[0]) / 1e3 / res.get("reqs"));
            }
            res.put("peakRssBytes", (double) Forks.peakRss(server.pid()));
            return res;
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The server process's CPU time so far (user + system, all threads), or -1 where the OS does not tell. */
    private static long cpuNanos(Process p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }
}

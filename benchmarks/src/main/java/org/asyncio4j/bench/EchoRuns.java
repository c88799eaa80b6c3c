package org.asyncio4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * W4: starts one echo server process, waits for its {@code LISTENING port=N} line, runs the shared
 * load client against it, records the server's peak RSS, then ends the server.
 */
final class EchoRuns {

    private EchoRuns() {}


    static Map<String, Double> run(List<String> serverCmd, List<String> clientCmdWithoutPort, Path workDir, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Path serverLog = log.resolveSibling(log.getFileName() + ".server");
        Process server = new ProcessBuilder(serverCmd).directory(workDir.toFile())
                .redirectError(serverLog.toFile()).start();
        try {
            int port = listeningPort(server, "echo server", serverLog);
            List<String> client = new ArrayList<>(clientCmdWithoutPort);
            client.add("port=" + port);
            long cpu0 = cpuNanos(server);
            Map<String, Double> res = Forks.run(client, workDir, log);
            long cpu1 = cpuNanos(server);
            double requests = res.get("conns") * (res.get("trips") + res.get("warmup"));
            if (cpu0 >= 0 && cpu1 >= 0) {
                res.put("serverCpuUsPerReq", (cpu1 - cpu0) / 1e3 / requests);
            }
            res.put("clientPeakRssBytes", res.remove("peakRssBytes"));
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

    /** The port a benchmark server announces on its first line of stdout ({@code LISTENING port=N}). */
    static int listeningPort(Process server, String what, Path serverLog) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("LISTENING port=")) {
            throw new IOException(what + " did not start (first line: " + line + "); see " + serverLog);
        }
        return Integer.parseInt(line.substring("LISTENING port=".length()).trim());
    }
}

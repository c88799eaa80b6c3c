package org.asyncio4j.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code initdb} and {@code pg_ctl} from the PATH, in a temporary data directory; as root, run as a system user. */
final class PathServer implements LocalPostgres.Server {
    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final String runAs;
    private boolean stopped;

    private PathServer(Path binDir, Path dataDir, int port, String runAs) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.runAs = runAs;
    }

    static PathServer start(int port) throws IOException, InterruptedException {
        return start(port, System.getenv("PATH"));
    }

    static PathServer start(int port, String path) throws IOException, InterruptedException {
        Path initdb = onPath("initdb", path);
        Path binDir = initdb.toRealPath().getParent();
        if (!Files.isExecutable(binDir.resolve("pg_ctl"))) {
            throw new IOException("pg_ctl not found beside " + initdb.toRealPath());
        }
        String runAs = null;
        if ("root".equals(System.getProperty("user.name"))) {
            runAs = userExists("postgres") ? "postgres" : "nobody";
        }
        Path dir = Files.createTempDirectory("asyncio4j-pg-");
        Path data = dir.resolve("data");
        PathServer s = new PathServer(binDir, data, port, runAs);
        try {
            if (runAs != null) {
                s.run(List.of("chown", runAs, dir.toString()), false);
            }
            s.run(List.of(binDir.resolve("initdb").toString(), "-D", data.toString(), "-U", LocalPostgres.USER,
                    "-A", "trust", "-E", "UTF8", "--no-sync", "--no-locale"), true);
            s.run(List.of(binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -F", "start"), true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.deleteData();
            throw e;
        }
        return s;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return "initdb/pg_ctl from " + binDir + (runAs != null ? " (as user " + runAs + ")" : "") + " on port " + port;
    }

    @Override
    public synchronized void stop() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } finally {
            deleteData();
        }
    }

    private void deleteData() throws IOException {
        Path dir = dataDir.getParent();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asServerUser && runAs != null) {
            cmd.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // initdb and pg_ctl write little; reading to the end also waits for them.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out.trim());
        }
    }

    private static boolean userExists(String user) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            if (line.startsWith(user + ":")) {
                return true;
            }
        }
        return false;
    }

    private static Path onPath(String exe, String path) throws IOException {
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException(exe + " is not on the PATH (" + path + ")");
    }
}

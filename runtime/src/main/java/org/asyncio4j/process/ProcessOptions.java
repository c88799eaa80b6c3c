package org.asyncio4j.process;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.asyncio4j.net.StreamReader;

/**
 * How to start a subprocess: what to do with stdin, stdout and stderr, the working directory, the
 * environment and the stream limit. Start from {@link #pipes()} or {@link #inherit()} and chain:
 * {@code ProcessOptions.pipes().stdin(Stdio.INHERIT).directory(dir).env("LANG", "C")}.
 */
public final class ProcessOptions {
    /** What one standard stream of the child is connected to. */
    public enum Stdio {
        /** A pipe to us: a {@link org.asyncio4j.net.StreamWriter} (stdin) or {@link StreamReader}. */
        PIPE,
        /** The same stream as this JVM's. */
        INHERIT,
        /** Nothing: {@code /dev/null} (asyncio's {@code DEVNULL}). */
        DEVNULL,
        /** stderr only: merged into stdout (asyncio's {@code STDOUT}). */
        STDOUT
    }

    Stdio stdin;
    Stdio stdout;
    Stdio stderr;
    Path directory;
    final Map<String, String> env = new LinkedHashMap<>();
    boolean clearEnv;
    int limit = StreamReader.DEFAULT_LIMIT;

    private ProcessOptions(Stdio all) {
        this.stdin = all;
        this.stdout = all;
        this.stderr = all;
    }

    /** stdin, stdout and stderr all piped. */
    public static ProcessOptions pipes() {
        return new ProcessOptions(Stdio.PIPE);
    }

    /** stdin, stdout and stderr all inherited from this JVM (asyncio's default). */
    public static ProcessOptions inherit() {
        return new ProcessOptions(Stdio.INHERIT);
    }

    public ProcessOptions stdin(Stdio s) {
        if (s == Stdio.STDOUT) {
            throw new IllegalArgumentException("Stdio.STDOUT is only meaningful for stderr");
        }
        stdin = Objects.requireNonNull(s, "stdin");
        return this;
    }

    public ProcessOptions stdout(Stdio s) {
        if (s == Stdio.STDOUT) {
            throw new IllegalArgumentException("Stdio.STDOUT is only meaningful for stderr");
        }
        stdout = Objects.requireNonNull(s, "stdout");
        return this;
    }

    public ProcessOptions stderr(Stdio s) {
        stderr = Objects.requireNonNull(s, "stderr");
        return this;
    }

    /** The working directory (default: this JVM's). */
    public ProcessOptions directory(Path dir) {
        directory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Sets one environment variable (on top of this JVM's environment unless {@link #clearEnvironment()}). */
    public ProcessOptions env(String name, String value) {
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets several environment variables. */
    public ProcessOptions env(Map<String, String> vars) {
        vars.forEach(this::env);
        return this;
    }

    /** Starts from an empty environment instead of this JVM's. */
    public ProcessOptions clearEnvironment() {
        clearEnv = true;
        return this;
    }

    /** The limit of the stdout/stderr readers (asyncio's {@code limit}, 64 KiB by default). */
    public ProcessOptions limit(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + bytes);
        }
        limit = bytes;
        return this;
    }

    ProcessBuilder.Redirect redirect(Stdio s, boolean input) {
        switch (s) {
            case PIPE:
                return ProcessBuilder.Redirect.PIPE;
            case INHERIT:
                return ProcessBuilder.Redirect.INHERIT;
            case DEVNULL:
                File nul = new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
                return input ? ProcessBuilder.Redirect.from(nul) : ProcessBuilder.Redirect.to(nul);
            default:
                throw new IllegalStateException("no redirect for " + s);
        }
    }

    @Override
    public String toString() {
        return "ProcessOptions[stdin=" + stdin + ", stdout=" + stdout + ", stderr=" + stderr
                + (directory != null ? ", dir=" + directory : "") + (env.isEmpty() ? "" : ", env=" + env.keySet()) + "]";
    }
}

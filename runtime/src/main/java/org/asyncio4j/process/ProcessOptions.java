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

    /**
     * stdin, stdout and stderr all piped.
     * @return new options with all three streams piped; change them with the setters below (which modify these options)
     */
    public static ProcessOptions pipes() {
        return new ProcessOptions(Stdio.PIPE);
    }

    /**
     * stdin, stdout and stderr all inherited from this JVM (asyncio's default).
     * @return new options with all three streams inherited
     */
    public static ProcessOptions inherit() {
        return new ProcessOptions(Stdio.INHERIT);
    }

    /**
     * Where the child's stdin comes from.
     * @param s {@link Stdio#PIPE} (write with {@link Subprocess#stdin()}), {@link Stdio#INHERIT} or
     *     {@link Stdio#DEVNULL}
     * @return these options
     * @throws IllegalArgumentException if {@code s} is {@link Stdio#STDOUT}
     */
    public ProcessOptions stdin(Stdio s) {
        if (s == Stdio.STDOUT) {
            throw new IllegalArgumentException("Stdio.STDOUT is only meaningful for stderr");
        }
        stdin = Objects.requireNonNull(s, "stdin");
        return this;
    }

    /**
     * Where the child's stdout goes.
     * @param s {@link Stdio#PIPE} (read with {@link Subprocess#stdout()}), {@link Stdio#INHERIT} or
     *     {@link Stdio#DEVNULL}
     * @return these options
     * @throws IllegalArgumentException if {@code s} is {@link Stdio#STDOUT}
     */
    public ProcessOptions stdout(Stdio s) {
        if (s == Stdio.STDOUT) {
            throw new IllegalArgumentException("Stdio.STDOUT is only meaningful for stderr");
        }
        stdout = Objects.requireNonNull(s, "stdout");
        return this;
    }

    /**
     * Where the child's stderr goes.
     * @param s {@link Stdio#PIPE}, {@link Stdio#INHERIT}, {@link Stdio#DEVNULL}, or {@link Stdio#STDOUT} to merge it
     *     into stdout
     * @return these options
     */
    public ProcessOptions stderr(Stdio s) {
        stderr = Objects.requireNonNull(s, "stderr");
        return this;
    }

    /**
     * The working directory (default: this JVM's).
     * @param dir the directory the child starts in; not null
     * @return these options
     */
    public ProcessOptions directory(Path dir) {
        directory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Sets one environment variable (on top of this JVM's environment unless {@link #clearEnvironment()}).
     * @param name the variable's name; not null
     * @param value its value; not null
     * @return these options
     */
    public ProcessOptions env(String name, String value) {
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets several environment variables.
     * @param vars names and values, none null; added to (and overriding) those set before
     * @return these options
     */
    public ProcessOptions env(Map<String, String> vars) {
        vars.forEach(this::env);
        return this;
    }

    /**
     * Starts from an empty environment instead of this JVM's.
     * @return these options
     */
    public ProcessOptions clearEnvironment() {
        clearEnv = true;
        return this;
    }

    /**
     * The limit of the stdout/stderr readers (asyncio's {@code limit}, 64 KiB by default).
     * @param bytes the longest line a piped reader accepts, in bytes; positive
     * @return these options
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
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

package org.asyncio4j.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.spi.IoDriver;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.net.Pipes;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;

/**
 * A child process (asyncio's {@code asyncio.subprocess.Process}), started with
 * {@code Asyncio.createSubprocessExec}. Loop thread only.
 *
 * <p><b>Exit codes.</b> As in asyncio, a process ended by signal N reports {@code -N} (e.g. -9 after
 * {@link #kill()}, -15 after {@link #terminate()}). The JDK only reports {@code 128 + N} for such a
 * process, so on Unix an exit value from 129 to 192 is mapped to {@code -(value - 128)}; a process
 * that itself calls {@code exit(137)} is therefore reported as -9 too (Java cannot tell them apart).
 *
 * <p>Piped streams are served by helper threads (Java's process pipes cannot join a selector): one per
 * piped output stream while the process runs, one for stdin while there is input to write. The
 * exit is observed through {@link Process#onExit()}, which uses the JDK's own reaper thread.
 * A process still running when its loop closes is killed, and the loop reports it.
 */
public final class Subprocess {
    /** At loop close, how long a process whose piped output has all ended may take to exit. */
    private static final long EXIT_GRACE_MS = 100;
    private static final boolean UNIX = !System.getProperty("os.name").startsWith("Windows");

    private final EventLoop loop;
    private final IoDriver io;
    private final Process process;
    private final List<String> command;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private Integer returnCode;
    private final List<Promise<Integer>> waiters = new ArrayList<>();
    /** What the loop closes at its end: kills a process still running; one that ended is no leak. */
    private final IoDriver.Finishing leftover = new IoDriver.Finishing() {
        @Override
        public boolean ended() {
            if (!process.toHandle().isAlive()) {
                return true; // reaped: gone from the system
            }
            // Its piped output all ended: it is exiting (or has exited and is not reaped yet);
            // give it a moment rather than report a process that finished as killed.
            boolean outputEnded = (stdout != null || stderr != null)
                    && (stdout == null || stdout.atEof()) && (stderr == null || stderr.atEof());
            if (outputEnded) {
                try {
                    return process.waitFor(EXIT_GRACE_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        }

        @Override
        public void close() {
            if (ended()) {
                awaitReaped();
                exited(); // its exit callback has not run yet: do its bookkeeping (closes stdin)
            } else {
                process.toHandle().destroyForcibly();
            }
        }

        @Override
        public String toString() {
            return "subprocess pid " + process.pid() + " " + command + " (killed)";
        }
    };

    private Subprocess(EventLoop loop, Process process, List<String> command, ProcessOptions options) {
        this.loop = loop;
        this.io = loop.io();
        this.process = process;
        this.command = command;
        long pid = process.pid();
        this.stdin = options.stdin == ProcessOptions.Stdio.PIPE
                ? Pipes.writer(process.getOutputStream(), "stdin of pid " + pid) : null;
        this.stdout = options.stdout == ProcessOptions.Stdio.PIPE
                ? Pipes.reader(process.getInputStream(), options.limit, "stdout of pid " + pid) : null;
        this.stderr = options.stderr == ProcessOptions.Stdio.PIPE
                ? Pipes.reader(process.getErrorStream(), options.limit, "stderr of pid " + pid) : null;
        io.track(leftover);
        process.onExit().whenComplete((p, e) -> {
            try {
                loop.callSoonThreadsafe(this::exited);
            } catch (IllegalStateException closedLoop) {
                // The loop closed first; it killed the process and reported it.
            }
        });
    }

    /**
     * asyncio's {@code create_subprocess_exec}. Fails with the {@link IOException} of a process that cannot start.
     * @param command the program and its arguments, not passed through a shell; not empty
     * @param options how the child's streams, directory and environment are set up; not null
     * @return a task completing with the started process
     */
    public static Task<Subprocess> exec(List<String> command, ProcessOptions options) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(options, "options (use ProcessOptions.pipes() or ProcessOptions.inherit())");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command is empty: give the program and its arguments");
        }
        List<String> cmd = List.copyOf(command);
        EventLoop loop = EventLoop.current();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(options.redirect(options.stdin, true));
        pb.redirectOutput(options.redirect(options.stdout, false));
        if (options.stderr == ProcessOptions.Stdio.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(options.redirect(options.stderr, false));
        }
        if (options.directory != null) {
            pb.directory(options.directory.toFile());
        }
        if (options.clearEnv) {
            pb.environment().clear();
        }
        pb.environment().putAll(options.env);
        Process p;
        try {
            p = pb.start(); // fork/exec: quick, and asyncio does it on the loop thread too
        } catch (IOException e) {
            return Task.failed(e);
        }
        return Task.completed(new Subprocess(loop, p, cmd, options));
    }

    /**
     * asyncio's {@code create_subprocess_shell}: runs {@code command} with the system shell
     * ({@code /bin/sh -c command} on Unix, {@code cmd.exe /c command} on Windows), so pipes, globs and
     * variables work as typed. As in asyncio, quoting what goes into the command is the caller's job
     * (never pass untrusted input unquoted); prefer {@link #exec} for a fixed program and arguments.
     * Fails like {@link #exec}; the exit code is the shell's.
     *
     * @param command the command line, as typed at {@code /bin/sh -c} (or {@code cmd.exe /c} on Windows)
     * @param options how the child's streams, directory and environment are set up; not null
     * @return a task completing with the started process
     * @throws IllegalArgumentException if {@code command} is empty or blank
     */
    public static Task<Subprocess> shell(String command, ProcessOptions options) {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("the shell command is empty: give the command line to run");
        }
        return exec(UNIX ? List.of("/bin/sh", "-c", command) : List.of("cmd.exe", "/c", command), options);
    }

    private void exited() {
        if (returnCode != null) {
            return;
        }
        returnCode = exitCode(process.exitValue());
        io.untrack(leftover);
        if (stdin != null && !stdin.isClosing()) {
            stdin.close(); // nobody reads it any more (asyncio's pipe transport sees the hang-up too)
        }
        List<Promise<Integer>> ws = new ArrayList<>(waiters);
        waiters.clear();
        for (Promise<Integer> w : ws) {
            w.complete(returnCode); // no-op for a cancelled waitFor()
        }
    }

    /** The process is gone from the system; the JDK's reaper records its exit a moment later. */
    private void awaitReaped() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JDK's 128+N for "killed by signal N" becomes asyncio's -N (see the class comment). */
    static int exitCode(int jdkExitValue) {
        if (UNIX && jdkExitValue > 128 && jdkExitValue <= 128 + 64) {
            return -(jdkExitValue - 128);
        }
        return jdkExitValue;
    }

    /**
     * The process's stdin, or null if it is not piped.
     * @return the writer to the child's stdin, or null
     */
    public StreamWriter stdin() {
        return stdin;
    }

    /**
     * The process's stdout, or null if it is not piped.
     * @return the reader of the child's stdout, or null
     */
    public StreamReader stdout() {
        return stdout;
    }

    /**
     * The process's stderr, or null if it is not piped (or merged into stdout).
     * @return the reader of the child's stderr, or null
     */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * The operating system's id of the process.
     * @return the process id
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The exit code once the process has ended (and the loop has seen it), else null.
     * @return the exit code, or null while the process runs
     */
    public Integer returnCode() {
        return returnCode;
    }

    /**
     * Waits for the process to exit; its exit code. Does not read the pipes: a process that fills a
     * piped stdout nobody reads blocks forever (as in asyncio); use {@link #communicate} for that.
     * @return a task completing with the exit code (negative: killed by that signal, as asyncio reports it)
     */
    public Task<Integer> waitFor() {
        if (returnCode != null) {
            return Task.completed(returnCode);
        }
        Promise<Integer> p = new Promise<>();
        waiters.add(p);
        return p;
    }

    /**
     * Writes {@code inputOrNull} to stdin and closes it, reads stdout and stderr to their end, and waits
     * for the exit (asyncio's {@code communicate}). A child that exits without reading all its input
     * is not an error. Input for a stdin that is not piped is rejected.
     * @param inputOrNull the bytes to send to stdin, or null to send nothing (stdin is still closed if piped)
     * @return a task completing with the exit code and everything read from stdout and stderr
     */
    public Task<ProcessResult> communicate(byte[] inputOrNull) {
        if (inputOrNull != null && stdin == null) {
            throw new IllegalStateException("communicate(input) needs a piped stdin; this process's stdin is not piped");
        }
        return Communicate.begin(this, inputOrNull);
    }

    /**
     * Asks the process to stop (SIGTERM on Unix). No effect once it has exited. Its pipes stay open:
     * what it wrote before can still be read, then EOF (asyncio's "timeout, terminate, drain").
     */
    public void terminate() {
        // Through the handle: Process.destroy() would also close our ends of the pipes, losing
        // what is in them and failing reads with "Stream closed".
        process.toHandle().destroy();
    }

    /** Kills the process (SIGKILL on Unix). No effect once it has exited. Its pipes stay readable, as for {@link #terminate()}. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    List<String> command() {
        return command;
    }

    @Override
    public String toString() {
        return "Subprocess[pid " + process.pid() + " " + command + (returnCode != null ? ", exit " + returnCode : ", running") + "]";
    }
}

package org.asyncio4j.sample.tutorial;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.process.ProcessOptions;
import org.asyncio4j.process.ProcessResult;
import org.asyncio4j.process.Subprocess;

/**
 * Example {@code subprocess}: the asyncio docs' {@code run(cmd)}: start processes with pipes, feed
 * stdin, collect stdout, stderr and the exit code with {@code communicate}; three at once with
 * {@code gather}. Needs {@code sh} and {@code tr} (Linux, macOS).
 */
class Subprocesses {
    final PrintStream out;

    Subprocesses(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncSubprocesses(out).main(), clock);
    }

    /** The command as one would type it: arguments with spaces in single quotes. */
    static String shellQuoted(List<String> cmd) {
        return String.join(" ", cmd.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a).toList());
    }

    @Async
    Task<String> runCommand(List<String> cmd, String input) {
        Subprocess proc = Await.on(Asyncio.createSubprocessExec(cmd, ProcessOptions.pipes()));
        ProcessResult r = Await.on(proc.communicate(input == null ? null : input.getBytes(UTF_8)));
        StringBuilder report = new StringBuilder("[" + shellQuoted(cmd) + " exited with " + r.exitCode() + "]");
        if (r.stdout().length > 0) {
            report.append("\n[stdout] ").append(r.stdoutText().strip());
        }
        if (r.stderr().length > 0) {
            report.append("\n[stderr] ").append(r.stderrText().strip());
        }
        return Task.completed(report.toString());
    }

    @Async
    Task<Void> main() {
        List<String> reports = Await.on(Asyncio.gather(
                runCommand(List.of("sh", "-c", "echo hello from a child process"), null),
                runCommand(List.of("sh", "-c", "echo oops >&2; exit 3"), null),
                runCommand(List.of("tr", "a-z", "A-Z"), "asyncio4j on stdin")));
        for (String report : reports) {
            out.println(report);
        }
        return Task.completed();
    }
}

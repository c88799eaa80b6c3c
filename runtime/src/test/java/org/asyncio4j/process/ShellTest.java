package org.asyncio4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.process.SubprocessTest.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Asyncio.createSubprocessShell}, with the real /bin/sh (asyncio-probes/net.py's shell case). */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShellTest {

    @Test
    void theShellRunsPipesVariablesAndExitCodes() {
        ProcessResult r = (ProcessResult) Asyncio.run(() -> new Script(
                x -> Asyncio.createSubprocessShell("X=hi; echo $X | tr a-z A-Z; echo err >&2; exit 4",
                        ProcessOptions.pipes()),
                x -> ((Subprocess) x).communicate(null)).begin());
        assertEquals(List.of("HI\n", "err\n", 4), List.of(r.stdoutText(), r.stderrText(), r.exitCode()));
    }

    @Test
    void inputGoesToTheShellsCommand() {
        ProcessResult r = (ProcessResult) Asyncio.run(() -> new Script(
                x -> Asyncio.createSubprocessShell("sort | head -n 2", ProcessOptions.pipes()),
                x -> ((Subprocess) x).communicate("c\na\nb\n".getBytes())).begin());
        assertEquals("a\nb\n", r.stdoutText());
        assertEquals(0, r.exitCode());
    }

    @Test
    void aBlankCommandIsRefused() {
        Object e = Asyncio.run(() -> new Script(x -> {
            IllegalArgumentException x1 = assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.createSubprocessShell("  ", ProcessOptions.pipes()));
            return org.asyncio4j.Task.completed(x1.getMessage());
        }).begin());
        assertEquals("the shell command is empty: give the command line to run", e);
    }
}

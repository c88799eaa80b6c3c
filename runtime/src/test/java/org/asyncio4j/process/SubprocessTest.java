package org.asyncio4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.net.Pipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seed case S10 and the rest of the subprocess contract, with /bin/sh. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SubprocessTest {

    /** A straight-line script: each step gets the previous result and returns the next task (null: none). */
    interface Step {
        Task<?> apply(Object prev) throws Throwable;
    }

    static final class Script extends Coroutine<Object> {
        private final Step[] steps;
        private Object prev;

        Script(Step... steps) {
            this.steps = steps;
        }

        Task<Object> begin() {
            return start();
        }

        @Override
        protected void resume() throws Throwable {
            if (state > 0) {
                prev = awaited();
            }
            while (state < steps.length) {
                Task<?> t = steps[state].apply(prev);
                if (t == null) {
                    state++;
                    continue;
                }
                if (await(t, state + 1)) return;
                prev = awaited();
            }
            returnValue(prev);
        }
    }

    static String str(Object b) {
        return new String((byte[]) b, StandardCharsets.UTF_8);
    }

    static Task<Subprocess> sh(String script, ProcessOptions o) {
        return Asyncio.createSubprocessExec(List.of("/bin/sh", "-c", script), o);
    }

    @Test
    void s10CommunicateCapturesBothStreamsAndExitCode() {
        ProcessResult r = (ProcessResult) Asyncio.run(() -> new Script(
                x -> sh("echo out; echo err >&2; exit 3", ProcessOptions.pipes()),
                x -> ((Subprocess) x).communicate(null)).begin());
        assertEquals("out\n", r.stdoutText());
        assertEquals("err\n", r.stderrText());
        assertEquals(3, r.exitCode());
    }

    @Test
    void s10EchoHiReadToEndThenWait() {
        List<String> log = new ArrayList<>();
        Subprocess[] p = new Subprocess[1];
        Asyncio.run(() -> new Script(
                x -> sh("echo hi; exit 0", ProcessOptions.pipes().stdin(ProcessOptions.Stdio.DEVNULL)),
                x -> {
                    p[0] = (Subprocess) x;
                    assertNull(p[0].stdin());
                    return p[0].stdout().read(-1);
                },
                x -> {
                    log.add("stdout=" + str(x));
                    return p[0].waitFor();
                },
                x -> {
                    log.add("exit=" + x);
                    return null;
                }).begin());
        assertEquals(List.of("stdout=hi\n", "exit=0"), log);
    }

    @Test
    void s10KilledProcessReportsNegativeSignalNumber() {
        List<String> log = new ArrayList<>();
        Subprocess[] p = new Subprocess[2];
        Asyncio.run(() -> new Script(
                x -> sh("exec sleep 10", ProcessOptions.inherit()),
                x -> {
                    p[0] = (Subprocess) x;
                    return Asyncio.sleep(Duration.ofMillis(100)); // as wait_for(p.wait(), 0.1) timing out
                },
                x -> {
                    log.add("running after 0.1 s: " + (p[0].returnCode() == null));
                    p[0].kill();
                    return p[0].waitFor();
                },
                x -> {
                    log.add("killed rc=" + x);
                    return sh("exec sleep 10", ProcessOptions.inherit());
                },
                x -> {
                    p[1] = (Subprocess) x;
                    p[1].terminate();
                    return p[1].waitFor();
                },
                x -> {
                    log.add("terminated rc=" + x);
                    return null;
                }).begin());
        assertEquals(List.of("running after 0.1 s: true", "killed rc=-9", "terminated rc=-15"), log);
    }

    @Test
    void communicateFeedsStdinAndSurvivesAChildThatDoesNotReadIt() {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Object[] results = new Object[2];
        Asyncio.run(() -> new Script(
                x -> Asyncio.createSubprocessExec(List.of("cat"), ProcessOptions.pipes()),
                x -> ((Subprocess) x).communicate(big),
                x -> {
                    results[0] = x;
                    // The child exits at once without reading 1 MiB of input: broken pipe, ignored.
                    return sh("exit 0", ProcessOptions.pipes());
                },
                x -> ((Subprocess) x).communicate(big),
                x -> {
                    results[1] = x;
                    return null;
                }).begin());
        ProcessResult cat = (ProcessResult) results[0];
        assertEquals(0, cat.exitCode());
        assertTrue(java.util.Arrays.equals(big, cat.stdout()), "cat echoed 1 MiB back intact");
        assertEquals(0, ((ProcessResult) results[1]).exitCode());
    }

    @Test
    void chattyProcessIsThrottledNotBuffered() {
        // 8 MiB on stdout; we read 1 KiB then pause: the reader stops the pump at 2 * limit, so
        // what is buffered stays bounded while the child blocks on its full pipe.
        Subprocess[] p = new Subprocess[1];
        int[] seen = new int[2];
        Asyncio.run(() -> new Script(
                x -> sh("head -c 8388608 /dev/zero", ProcessOptions.pipes().stdin(ProcessOptions.Stdio.DEVNULL).limit(16 * 1024)),
                x -> {
                    p[0] = (Subprocess) x;
                    return p[0].stdout().readExactly(1024);
                },
                x -> Asyncio.sleep(Duration.ofMillis(300)),
                x -> {
                    seen[0] = p[0].stdout().buffered();
                    seen[1] = p[0].returnCode() == null ? 1 : 0;
                    return p[0].stdout().read(-1);
                },
                x -> {
                    assertEquals(8388608 - 1024, ((byte[]) x).length);
                    return p[0].waitFor();
                }).begin());
        assertTrue(seen[0] <= 2 * 16 * 1024 + 64 * 1024, "buffered while paused: " + seen[0]);
        assertEquals(1, seen[1], "the child was still blocked on its pipe");
    }

    @Test
    void startFailureAndBadInputAreClearErrors() {
        Object[] r = new Object[1];
        Asyncio.run(() -> new Script(
                x -> org.asyncio4j.net.FlowAccess.settle(
                        Asyncio.createSubprocessExec(List.of("/nonexistent/program"), ProcessOptions.pipes())),
                x -> {
                    r[0] = x;
                    return sh("exit 0", ProcessOptions.inherit());
                },
                x -> {
                    Subprocess s = (Subprocess) x;
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.communicate(new byte[1]));
                    assertTrue(e.getMessage().contains("stdin is not piped"), e.getMessage());
                    return s.waitFor();
                }).begin());
        assertInstanceOf(IOException.class, r[0]);
        assertThrows(IllegalArgumentException.class, () -> Asyncio.run(() -> Asyncio.createSubprocessExec(List.of(), ProcessOptions.pipes())));
    }

    @Test
    void runKillsAndReportsAProcessLeftRunning() {
        List<ErrorReport> reports = new ArrayList<>();
        long[] pid = new long[1];
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return new Script(
                    x -> sh("exec sleep 30", ProcessOptions.pipes()),
                    x -> {
                        pid[0] = ((Subprocess) x).pid();
                        return null;
                    }).begin();
        });
        assertTrue(reports.stream().anyMatch(r -> r.message().contains("subprocess pid " + pid[0])), reports.toString());
        ProcessHandle h = ProcessHandle.of(pid[0]).orElse(null);
        if (h != null) {
            h.onExit().join(); // killed: it ends (it would otherwise run 30 s, past the test's timeout)
        }
        assertFalse(h != null && h.isAlive());
    }

    @Test
    void exitCodeMapping() {
        assertEquals(0, Subprocess.exitCode(0));
        assertEquals(3, Subprocess.exitCode(3));
        assertEquals(128, Subprocess.exitCode(128));
        assertEquals(-9, Subprocess.exitCode(137));
        assertEquals(-15, Subprocess.exitCode(143));
        assertEquals(255, Subprocess.exitCode(255));
    }

    @Test
    void pipeHelperThreadsEndWithTheirProcess() {
        Asyncio.run(() -> new Script(
                x -> sh("echo a; echo b >&2", ProcessOptions.pipes()),
                x -> ((Subprocess) x).communicate(null)).begin());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Pipes.activeThreads() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, Pipes.activeThreads());
    }
}

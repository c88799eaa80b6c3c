package org.asyncio4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.process.SubprocessTest.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18 item 7, with real processes: after {@code kill()} the output already written can still be
 * read, then EOF (asyncio's "timeout, kill, drain" pattern); a process that ended is not reported as
 * leaked at loop close because its stdin was never closed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KilledProcessTest {

    /**
     * The stdout reader (limit 4) pauses its pipe once 11 bytes are buffered; the child then writes
     * {@code b\nc\n} into the pipe (it says so on stderr) and sleeps. After {@code kill()} the drain
     * returns the buffered line and what was left in the pipe, then EOF.
     */
    @Test
    void killThenDrainReturnsWhatWasWrittenThenEof() {
        List<String> log = new ArrayList<>();
        List<ErrorReport> reports = new ArrayList<>();
        Subprocess[] p = new Subprocess[1];
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return new Script(
                    x -> SubprocessTest.sh("printf 'xxxxxxxxxx\\n'; read go; printf 'b\\nc\\n'; echo written >&2; exec sleep 30",
                            ProcessOptions.pipes().limit(4)),
                    x -> {
                        p[0] = (Subprocess) x;
                        return new PollUntil(() -> p[0].stdout().buffered() == 11, "the first line fed to stdout").begin();
                    },
                    x -> {
                        p[0].stdin().write("go\n".getBytes());
                        return p[0].stderr().readExactly("written\n".length());
                    },
                    x -> {
                        log.add("child " + SubprocessTest.str(x).trim());
                        p[0].kill();
                        return p[0].stdout().readAll();
                    },
                    x -> {
                        log.add("drained " + SubprocessTest.str(x).replace("\n", "|"));
                        log.add("atEof " + p[0].stdout().atEof());
                        return p[0].waitFor();
                    },
                    x -> {
                        log.add("exit " + x);
                        return null;
                    }).begin();
        });
        assertEquals(List.of("child written", "drained xxxxxxxxxx|b|c|", "atEof true", "exit -9"), log);
        assertEquals(List.of(), reports);
    }

    /** Polls {@code cond} every 5 ms of real time (a real process's progress); fails after 10 s. */
    static final class PollUntil extends Coroutine<Void> {
        private final BooleanSupplier cond;
        private final String what;
        private int tries;

        PollUntil(BooleanSupplier cond, String what) {
            this.cond = cond;
            this.what = what;
        }

        Task<Void> begin() {
            return start();
        }

        @Override
        protected void resume() throws Throwable {
            while (true) {
                if (state == 1) {
                    awaited();
                }
                if (cond.getAsBoolean()) {
                    returnValue(null);
                    return;
                }
                if (tries++ == 2000) {
                    throw new AssertionError("waited 10 s for " + what);
                }
                if (await(Asyncio.sleep(Duration.ofMillis(5)), 1)) {
                    return;
                }
            }
        }
    }

    @Test
    void terminateThenDrainToo() {
        List<String> log = new ArrayList<>();
        Subprocess[] p = new Subprocess[1];
        Asyncio.run(() -> new Script(
                x -> SubprocessTest.sh("echo started; exec sleep 30", ProcessOptions.pipes()),
                x -> {
                    p[0] = (Subprocess) x;
                    return p[0].stdout().readLine();
                },
                x -> {
                    p[0].terminate();
                    return p[0].stdout().read(100);
                },
                x -> {
                    log.add("after terminate " + ((byte[]) x).length + " bytes");
                    return p[0].waitFor();
                },
                x -> {
                    log.add("exit " + x);
                    return null;
                }).begin());
        assertEquals(List.of("after terminate 0 bytes", "exit -15"), log);
    }

    @Test
    void anExitedProcessWithStdinNeverClosedIsNotALeak() {
        List<String> log = new ArrayList<>();
        List<ErrorReport> reports = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            Subprocess[] p = new Subprocess[1];
            return new Script(
                    x -> SubprocessTest.sh("echo hi", ProcessOptions.pipes()),
                    x -> {
                        p[0] = (Subprocess) x;
                        return p[0].stdout().readAll();
                    },
                    x -> {
                        log.add("out " + SubprocessTest.str(x).trim());
                        return p[0].stderr().readAll();
                    },
                    x -> p[0].waitFor(),
                    x -> {
                        log.add("exit " + x);
                        return null; // stdin is never closed by this program
                    }).begin();
        });
        assertEquals(List.of("out hi", "exit 0"), log);
        assertEquals(List.of(), reports.stream().map(ErrorReport::message).toList());
    }

    @Test
    void aProcessWhoseOutputEndedAndWhoseExitWasNeverAwaitedIsNotALeakEither() {
        List<ErrorReport> reports = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            Subprocess[] p = new Subprocess[1];
            return new Script(
                    x -> SubprocessTest.sh("echo hi", ProcessOptions.pipes()),
                    x -> {
                        p[0] = (Subprocess) x;
                        return p[0].stdout().readAll();
                    },
                    x -> {
                        log.add("out " + SubprocessTest.str(x).trim());
                        return p[0].stderr().readAll();
                    },
                    x -> null).begin(); // ends at the pipes' EOF: the loop may not have seen the exit yet
        });
        assertEquals(List.of("out hi"), log);
        assertEquals(List.of(), reports.stream().map(ErrorReport::message).toList());
    }
}

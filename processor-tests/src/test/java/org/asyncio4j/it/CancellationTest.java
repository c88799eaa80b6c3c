package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancellation reaches the machine at its current await; finally blocks and resources run in order. */
class CancellationTest {

    /** Runs {@code body}, cancels it at {@code cancelAtMs}; returns the task (done) and logs "done t=". */
    static Task<?> runAndCancel(Fixture f, Supplier<Task<?>> body, long cancelAtMs) {
        Task<?>[] t = new Task<?>[1];
        try {
            Run.virtual(() -> {
                t[0] = body.get();
                t[0].addDoneCallback(x -> f.log("done t=" + Src.ms()));
                EventLoop.current().callLater(Duration.ofMillis(cancelAtMs), () -> f.log("cancel -> " + t[0].cancel()));
                @SuppressWarnings("unchecked")
                Task<Object> main = (Task<Object>) t[0];
                return main;
            });
        } catch (CancelledError expected) {
            assertTrue(t[0].isCancelled());
        }
        return t[0];
    }

    static final List<String> FULL = List.of("start", "after0", "after1", "after2", "inner finally", "after3", "finally",
            "after4", "body end", "exit CM", "close P", "end");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void cancelAtEveryAwait(int k) {
        AsyncCancels c = new AsyncCancels();
        Task<?> t = runAndCancel(c, c::sixAwaits, 10L * k + 5);
        assertTrue(t.isCancelled(), "the task ends cancelled");
        List<String> expected = switch (k) {
            case 0 -> List.of("start", "cancel -> true", "finally", "after4",
                    "exit CM exc=CancelledError t=15", "close P t=25", "done t=25");
            case 1 -> List.of("start", "after0", "cancel -> true", "finally", "after4",
                    "exit CM exc=CancelledError t=25", "close P t=35", "done t=35");
            case 2 -> List.of("start", "after0", "after1", "cancel -> true", "inner finally", "finally", "after4",
                    "exit CM exc=CancelledError t=35", "close P t=45", "done t=45");
            case 3 -> List.of("start", "after0", "after1", "after2", "inner finally", "cancel -> true", "finally",
                    "after4", "exit CM exc=CancelledError t=45", "close P t=55", "done t=55");
            case 4 -> List.of("start", "after0", "after1", "after2", "inner finally", "after3", "finally",
                    "cancel -> true", "exit CM exc=CancelledError t=45", "close P t=55", "done t=55");
            default -> List.of("start", "after0", "after1", "after2", "inner finally", "after3", "finally", "after4",
                    "body end", "exit CM exc=None t=50", "cancel -> true", "close P t=55", "done t=55");
        };
        assertEquals(expected, c.log);
        // the cancel travelled into the task pending at await #k
        assertTrue(c.awaited.get(k).isCancelled(), "awaited task #" + k + " cancelled");
    }

    @Test
    void noCancelRunsEverything() {
        AsyncCancels c = new AsyncCancels();
        Run.Timed<String> r = Run.timed(c::sixAwaits);
        assertEquals("done", r.value());
        assertEquals(60, r.ms());
        assertEquals(FULL, c.log.stream().map(s -> s.replaceAll(" (exc|t)=.*", "")).toList());
    }

    @Test
    void cancelledErrorCanBeCaughtAtTheAwait() {
        AsyncCancels c = new AsyncCancels();
        Task<?> t = runAndCancel(c, c::swallows, 5);
        assertEquals("swallowed t=15", t.result());
        assertEquals(List.of("cancel -> true", "caught cancel t=5", "done t=15"), c.log);
    }

    @Test
    void cancelInsideALoop() {
        AsyncCancels c = new AsyncCancels();
        Task<?> t = runAndCancel(c, c::loop, 25);
        assertTrue(t.isCancelled());
        assertEquals(List.of("cancel -> true", "loop finally i=2", "done t=25"), c.log);
    }

    @Test
    void cancellingTheParentCancelsTheAwaitedChild() {
        AsyncCancels c = new AsyncCancels();
        Task<?> t = runAndCancel(c, c::parent, 5);
        assertTrue(t.isCancelled());
        assertEquals(List.of("cancel -> true", "child finally", "parent finally", "done t=5"), c.log);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 15, 25, 35, 45})
    void cancelDuringEnterBodyAndExitOfAsyncContextManagers(int at) {
        // S11 timeline: enter A [0,10), enter B [10,20), body [20,30), exit B [30,40), exit A [40,50)
        AsyncResources r = new AsyncResources().in(Src.Mode.SLEEP);
        Task<?> t = runAndCancel(r, () -> r.twoManagers(null), at);
        assertTrue(t.isCancelled());
        List<String> expected = switch (at) {
            // A not entered yet: nothing to exit
            case 5 -> List.of("enter A t=0", "cancel -> true", "done t=5");
            // B not entered: only A exits, with the CancelledError
            case 15 -> List.of("enter A t=0", "enter B t=10", "cancel -> true", "exit A exc=CancelledError t=15",
                    "done t=25");
            case 25 -> List.of("enter A t=0", "enter B t=10", "body AB t=20", "cancel -> true",
                    "exit B exc=CancelledError t=25", "exit A exc=CancelledError t=35", "done t=45");
            // cancelled inside B's exit: the CancelledError replaces nothing and reaches A's exit
            case 35 -> List.of("enter A t=0", "enter B t=10", "body AB t=20", "exit B exc=None t=30", "cancel -> true",
                    "exit A exc=CancelledError t=35", "done t=45");
            default -> List.of("enter A t=0", "enter B t=10", "body AB t=20", "exit B exc=None t=30",
                    "exit A exc=None t=40", "cancel -> true", "done t=45");
        };
        assertEquals(expected, r.log);
    }

    @Test
    void cancelBeforeTheFirstStepOfALazyTask() {
        AsyncCancels c = new AsyncCancels();
        assertThrows(CancelledError.class, () -> Run.virtual(() -> {
            Task<String> t = org.asyncio4j.Asyncio.createTask(c::sixAwaits);
            t.cancel();
            return t;
        }));
        assertEquals(List.of(), c.log, "a task cancelled before it starts never runs its body");
    }
}

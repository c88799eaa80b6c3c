package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outcome of the awaited task arrives at the await unchanged. */
class OutcomesTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void valuesOfDoneAndPendingTasks(Src.Mode mode) {
        AsyncOutcomes o = new AsyncOutcomes();
        assertEquals("v", Run.virtual(() -> {
            try {
                return o.awaitIt(Src.of(mode, "v"));
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        }));
        assertEquals(List.of("value v t=" + mode.after(1)), o.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void failuresArriveAsTheSameObject(Src.Mode mode) {
        for (Throwable error : List.of(new IllegalStateException("unchecked"), new IOException("checked"),
                new AssertionError("error"))) {
            AsyncOutcomes o = new AsyncOutcomes();
            Throwable thrown = assertThrows(Throwable.class, () -> Run.virtual(() -> {
                try {
                    return o.awaitIt(Src.failing(mode, error));
                } catch (Throwable e) {
                    throw new AssertionError("a task-returning call does not throw", e);
                }
            }));
            assertSame(error, thrown);
            assertSame(error, o.caught);
            assertEquals(List.of("failed " + error.getClass().getSimpleName() + " t=" + mode.after(1)), o.log);
            // and without a catch
            AsyncOutcomes p = new AsyncOutcomes();
            assertSame(error, assertThrows(Throwable.class, () -> Run.virtual(() -> p.passThrough(Src.failing(mode, error)))));
            assertEquals(List.of(), p.log);
        }
    }

    @Test
    void alreadyCancelledTaskRaisesCancelledErrorAtTheAwait() {
        AsyncOutcomes o = new AsyncOutcomes();
        Task<?>[] t = new Task<?>[1];
        assertThrows(CancelledError.class, () -> Run.virtual(() -> {
            try {
                Task<Object> x = o.awaitIt(Src.cancelled());
                t[0] = x;
                return x;
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        }));
        assertInstanceOf(CancelledError.class, o.caught);
        assertTrue(t[0].isCancelled(), "the awaiting task ends cancelled");
        assertEquals(List.of("cancelled t=0"), o.log);
    }

    @Test
    void taskCancelledWhileAwaitedRaisesCancelledError() {
        AsyncOutcomes o = new AsyncOutcomes();
        Task<?>[] t = new Task<?>[1];
        assertThrows(CancelledError.class, () -> Run.virtual(() -> {
            Task<Object> x = o.passThrough(Src.cancelledLater(8));
            t[0] = x;
            return x;
        }));
        assertTrue(t[0].isCancelled());
        assertEquals(List.of(), o.log);
    }

    @Test
    void completionStagesDoneAndPending() {
        AsyncOutcomes o = new AsyncOutcomes();
        assertEquals("now t=0", Run.virtual(() -> o.stage(true)));
        assertEquals("later t=7", Run.virtual(() -> o.stage(false)));
        assertEquals("caught cf", Run.virtual(o::failedStage));
        assertInstanceOf(ArithmeticException.class, o.caught);
    }

    @Test
    void aStagesCheckedFailureIsCaughtAsDeclared() {
        AsyncOutcomes o = new AsyncOutcomes();
        assertEquals("body t=7", Run.virtual(() -> o.checkedStage(false)));
        assertEquals("io: net t=7", Run.virtual(() -> o.checkedStage(true)));
    }

    @Test
    void awaitingANullTaskSaysWhatWasNull() {
        AsyncOutcomes o = new AsyncOutcomes();
        NullPointerException e = assertThrows(NullPointerException.class, () -> Run.virtual(() -> {
            try {
                return o.awaitIt(null);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }));
        assertTrue(e.getMessage().startsWith("Await.on(null): the task to await is null"), e.getMessage());
    }
}

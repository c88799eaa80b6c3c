package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code for (T x : Await.each(source))}: each step awaits hasNext(); every way out of the loop
 * awaits the iterator's closeAsync with the exception leaving it (exact orders and loop times).
 */
class EachTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void everyElementInOrderThenTheIteratorIsClosed(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals(0 + 1 + 2, Run.virtual(() -> e.sum(new Numbers(e, 3))));
        long s = mode.after(1);
        // per element: hasNext, then the body's own await; then the final hasNext and the close
        assertEquals(List.of("got 0 at " + 2 * s, "got 1 at " + 4 * s, "got 2 at " + 6 * s, "close  at " + 7 * s,
                "after at " + 8 * s), e.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void breakClosesTheIteratorBeforeTheCodeAfterTheLoop(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals("012", Run.virtual(() -> e.breakEarly(3)));
        assertEquals(List.of("close  at " + mode.after(4), "after"), e.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void returnClosesTheIterator(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals(200, Run.virtual(e::returnFromInside));
        assertEquals(List.of("close  at " + mode.after(3)), e.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void anExceptionClosesTheIteratorWithItAsThePendingOne(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals("at 1", Run.virtual(e::throwFromInside));
        assertEquals(List.of("close IllegalArgumentException at " + mode.after(2), "caught at 1"), e.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void aFailingCloseReplacesTheWayOut(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals("caught close failed", Run.virtual(() -> e.closeFailureReplacesTheBreak(new IllegalStateException("close failed"))));
    }

    @Test
    void cancellationInsideTheLoopClosesTheIteratorWithTheCancel() {
        AsyncEach e = new AsyncEach().in(Src.Mode.SLEEP);
        assertEquals("cancelled", Run.virtual(e::cancelWhileLooping));
        // hasNext done at 10, the body's await at 20 (got 0), hasNext at 30; cancelled at 35 in the
        // body's await; the close (itself a 10 ms task) is awaited before the task ends as cancelled
        assertEquals(List.of("got 0 at 20", "close CancelledError at 35"), e.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void nestedLoopsWithALabeledContinueCloseTheInnerIterator(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals(List.of("00", "10", "11", "20", "21", "22"), Run.virtual(e::nestedWithLabels));
        assertEquals(4, e.log.size(), e.log.toString()); // three inner iterators and the outer one, each closed once
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void aLoopInsideAnAsyncLambdaAndASourceThatIsItselfAwaited(Src.Mode mode) {
        AsyncEach e = new AsyncEach().in(mode);
        assertEquals(1006, Run.virtual(e::eachInALambda));
        assertEquals(3, Run.virtual(e::sourceFromAnAwait));
        assertEquals(List.of(0, 1, 2, 3), Run.virtual(e::collectToList));
    }
}

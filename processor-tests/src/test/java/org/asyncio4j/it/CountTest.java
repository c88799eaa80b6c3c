package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S12 of asyncio-semantics.md: an async iterator counting to 5. */
class CountTest {

    @Test
    void asyncComprehensionGivesOneToFive() {
        List<String> log = new ArrayList<>();
        assertEquals(List.of(1, 2, 3, 4, 5), Run.virtual(() -> AsyncCount.collect(5, log)));
        assertEquals(List.of("next 1", "next 2", "next 3", "next 4", "next 5"), log);
    }

    @Test
    void anextEndsWithStopAsyncIteration() {
        List<String> log = new ArrayList<>();
        assertEquals(List.of(1, 2, 3, 4, 5), Run.virtual(() -> AsyncCount.collectUntilStop(5, log)));
        assertEquals(List.of(), Run.virtual(() -> AsyncCount.collectUntilStop(0, log)));
    }

    @Test
    void breakAtThreeThenCloseRunsTheFinally() {
        List<String> log = new ArrayList<>();
        assertEquals(List.of(1, 2, 3), Run.virtual(() -> AsyncCount.breakAtThree(log)));
        assertEquals(List.of("next 1", "next 2", "next 3", "agen finally"), log);
    }

    @Test
    void twoIteratorsInterleaveStepByStep() {
        List<String> shared = new ArrayList<>();
        List<Object> second = new ArrayList<>();
        List<Integer> first = Run.virtual(() -> {
            var t1 = AsyncCount.collect(3, shared);
            var t2 = AsyncCount.collect(2, shared);
            t2.addDoneCallback(t -> second.add(t.result()));
            return t1;
        });
        assertEquals(List.of(1, 2, 3), first);
        assertEquals(List.of(List.of(1, 2)), second);
        assertEquals(List.of("next 1", "next 1", "next 2", "next 2", "next 3"), shared);
    }
}

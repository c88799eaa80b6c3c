package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;

/** The fast path (no suspension on a done task) and eager start (asyncio-semantics.md §P). */
class SchedulingTest {

    @Test
    void awaitingADoneTaskDoesNotSuspend() {
        AsyncScheduling s = new AsyncScheduling();
        assertEquals(499500, Run.virtual(s::fastPath));
        // 1000 awaits of done tasks, a done Promise and an eagerly finished @Async call: no loop
        // iteration passed (the callback queued before them runs only at the yield)
        assertEquals(List.of("done promise", "child finished eagerly", "after done awaits", "next iteration",
                "after yield"), s.log);
    }

    @Test
    void asyncCallsStartEagerly() {
        AsyncScheduling s = new AsyncScheduling();
        Run.virtual(s::eager);
        assertEquals(List.of("before", "1-start", "2-start", "after", "1-resume", "2-resume"), s.log);
    }

    @Test
    void createTaskStartsLazily() {
        AsyncScheduling s = new AsyncScheduling();
        Run.virtual(s::lazy);
        assertEquals(List.of("before", "after", "1-start", "2-start", "1-resume", "2-resume"), s.log);
    }

    @Test
    void aBodyThatNeverSuspendsReturnsADoneTask() {
        AsyncScheduling s = new AsyncScheduling();
        Run.virtual(() -> {
            Task<String> t = s.neverSuspends(false);
            assertTrue(t.isDone());
            assertEquals("sync", t.result());
            assertSame(t, s.current, "Task.current() inside the eager body is that task");
            assertFalse(t.cancel(), "cancel() on an eagerly completed task returns false");
            Task<String> failed = s.neverSuspends(true); // does not throw at the call site
            assertTrue(failed.isDone());
            assertEquals("synchronous failure", failed.exception().getMessage());
            failed.exception(); // retrieved: no "never retrieved" report
            return Task.completed("ok");
        });
    }
}

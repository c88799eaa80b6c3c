package org.asyncio4j.sample.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The first examples of a tutorial, exactly as they print on a VirtualClock. */
class BasicsTest {
    @Test
    void hello() {
        assertEquals(List.of(
                "Hello ...",
                "... World! at 1.0 s of loop time"), Outputs.of("hello"));
    }

    @Test
    void explicitLoop() {
        assertEquals(List.of(
                "loop created; running: false",
                "main() runs on the loop; running: true",
                "main() done at 1.0 s of loop time",
                "runUntilComplete returned \"main's result\"",
                "loop closed: true"), Outputs.of("explicit-loop"));
    }

    @Test
    void gatherReturnsInArgumentOrderAfterTheLongestJob() {
        assertEquals(List.of(
                "B done after 1 s, at 1.0 s of loop time",
                "A done after 2 s, at 2.0 s of loop time",
                "C done after 3 s, at 3.0 s of loop time",
                "gather returned [A, B, C] at 3.0 s of loop time (the jobs slept at the same time)"), Outputs.of("gather"));
    }

    @Test
    void createTask() {
        assertEquals(List.of(
                "started at 0.0 s of loop time",
                "hello at 1.0 s of loop time",
                "world at 2.0 s of loop time",
                "finished at 2.0 s of loop time"), Outputs.of("create-task"));
    }

    @Test
    void waitFirstCompletedThenAllCompleted() {
        assertEquals(List.of(
                "FIRST_COMPLETED at 1.0 s of loop time: done [fast], pending [medium, slow]",
                "ALL_COMPLETED at 3.0 s of loop time: done [medium, slow], pending []"), Outputs.of("wait"));
    }

    @Test
    void asCompletedInFinishingOrder() {
        assertEquals(List.of(
                "got small.txt (1 s) at 1.0 s of loop time",
                "got medium.zip (2 s) at 2.0 s of loop time",
                "got big.iso (3 s) at 3.0 s of loop time"), Outputs.of("as-completed"));
    }

    @Test
    void callSoonLaterAndAtRunInTimeOrder() {
        assertEquals(List.of(
                "scheduled three callbacks at 0.0 s of loop time",
                "callSoon ran at 0.0 s of loop time",
                "callLater(1 s) ran at 1.0 s of loop time",
                "callAt(now + 2 s) ran at 2.0 s of loop time"), Outputs.of("call-soon-later"));
    }

    @Test
    void futureCompletedByACallback() {
        assertEquals(List.of(
                "hello ... at 0.0 s of loop time",
                "... world at 1.0 s of loop time"), Outputs.of("future"));
    }

    @Test
    void asyncContextManagerAcquiresInOrderAndReleasesInReverse() {
        assertEquals(List.of(
                "acquired a at 0.5 s of loop time",
                "acquired b at 1.0 s of loop time",
                "using a and b at 1.0 s of loop time",
                "released b at 1.5 s of loop time",
                "released a at 2.0 s of loop time",
                "acquired c at 2.5 s of loop time",
                "using c, then failing",
                "released c at 3.0 s of loop time (the block failed: query failed)",
                "caught query failed after the release at 3.0 s of loop time"), Outputs.of("async-context-manager"));
    }

    @Test
    void asyncIteratorCountsToFive() {
        assertEquals(List.of(
                "1 at 0.5 s of loop time",
                "2 at 1.0 s of loop time",
                "3 at 1.5 s of loop time",
                "4 at 2.0 s of loop time",
                "5 at 2.5 s of loop time",
                "done"), Outputs.of("async-iterator"));
    }

    @Test
    void asyncGeneratorLeftEarlyRunsItsFinallyFirst() {
        assertEquals(List.of(
                "tick 0 at 0.5 s of loop time",
                "tick 1 at 1.0 s of loop time",
                "tick 2 at 1.5 s of loop time",
                "ticker stopped",
                "after the loop at 1.5 s of loop time",
                "ticker stopped",
                "all of a short run: [0, 1, 2] at 1.8 s of loop time"), Outputs.of("async-generator"));
    }
}

package org.asyncio4j.sample.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeout and cancellation examples, exactly as they print on a VirtualClock. */
class CancellationTest {
    @Test
    void waitForTimeoutCancelsTheTask() {
        assertEquals(List.of(
                "eternity() cancelled at 1.0 s of loop time",
                "timeout! at 1.0 s of loop time"), Outputs.of("wait-for-timeout"));
    }

    @Test
    void timeoutScope() {
        assertEquals(List.of(
                "the 10 s sleep timed out at 1.0 s of loop time, and we have handled it",
                "this statement runs regardless",
                "with the deadline moved 5 s later, a 2 s sleep finishes at 3.0 s of loop time; expired: false"),
                Outputs.of("timeout-scope"));
    }

    @Test
    void cancel() {
        assertEquals(List.of(
                "cancelMe(): before sleep at 0.0 s of loop time",
                "cancelMe(): cancel sleep at 1.0 s of loop time",
                "cancelMe(): after sleep",
                "main(): cancelMe is cancelled now; task.isCancelled() = true"), Outputs.of("cancel"));
    }

    @Test
    void shieldedTaskOutlivesTheTimeout() {
        assertEquals(List.of(
                "gave up waiting at 1.0 s of loop time; payment cancelled: false",
                "payment committed at 2.0 s of loop time",
                "the payment still completes: receipt #1 at 2.0 s of loop time"), Outputs.of("shield"));
    }

    @Test
    void taskGroupCancelsTheOthersAndRaisesTheGroup() {
        assertEquals(List.of(
                "job-1 done at 1.0 s of loop time",
                "job-2 fails at 2.0 s of loop time",
                "job-3 cancelled at 2.0 s of loop time",
                "caught unhandled errors in a TaskGroup (1 sub-exception) at 2.0 s of loop time:",
                "  java.lang.IllegalStateException: job-2 could not reach its server"), Outputs.of("task-group"));
    }

    @Test
    void retryBackoffDoublesTheDelayAndGivesUpWithTheLastFailure() {
        assertEquals(List.of(
                "attempt 1 at 0.0 s of loop time: 503 Service Unavailable",
                "attempt 2 at 0.5 s of loop time: 503 Service Unavailable",
                "attempt 3 at 1.5 s of loop time: 503 Service Unavailable",
                "attempt 4 at 3.5 s of loop time: ok",
                "got 200 OK after 4 attempts at 3.5 s of loop time",
                "attempt 1 at 0.0 s of loop time: 503 Service Unavailable",
                "attempt 2 at 0.5 s of loop time: 503 Service Unavailable",
                "gave up after 2 attempts: 503 Service Unavailable at 0.5 s of loop time"), Outputs.of("retry-backoff"));
    }
}

package org.asyncio4j.sample.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The synchronisation and queue examples, exactly as they print on a VirtualClock. */
class SyncTest {
    @Test
    void semaphoreRunsAtMostThreeAtOnce() {
        assertEquals(List.of(
                "job 0 starts at 0.0 s of loop time (1 running)",
                "job 1 starts at 0.0 s of loop time (2 running)",
                "job 2 starts at 0.0 s of loop time (3 running)",
                "job 3 starts at 1.0 s of loop time (1 running)",
                "job 4 starts at 1.0 s of loop time (2 running)",
                "job 5 starts at 1.0 s of loop time (3 running)",
                "job 6 starts at 2.0 s of loop time (1 running)",
                "job 7 starts at 2.0 s of loop time (2 running)",
                "job 8 starts at 2.0 s of loop time (3 running)",
                "job 9 starts at 3.0 s of loop time (1 running)",
                "10 jobs done at 4.0 s of loop time, at most 3 at once"), Outputs.of("semaphore"));
    }

    @Test
    void lockKeepsEveryUpdate() {
        assertEquals(List.of(
                "5 deposits without a lock: balance = 1",
                "5 deposits with a lock:    balance = 5"), Outputs.of("lock"));
    }

    @Test
    void event() {
        assertEquals(List.of(
                "waiting for it ...",
                "setting the event at 1.0 s of loop time",
                "... got it! at 1.0 s of loop time"), Outputs.of("event"));
    }

    @Test
    void conditionWakesOneConsumerPerItem() {
        assertEquals(List.of(
                "consumer 1 waits",
                "consumer 2 waits",
                "produced apple at 1.0 s of loop time",
                "consumer 1 got apple at 1.0 s of loop time",
                "produced pear at 2.0 s of loop time",
                "consumer 2 got pear at 2.0 s of loop time"), Outputs.of("condition"));
    }

    @Test
    void producerWaitsWhileTheBoundedQueueIsFull() {
        assertEquals(List.of(
                "put item 1 at 0.0 s of loop time (queue size 1)",
                "put item 2 at 0.0 s of loop time (queue size 2)",
                "put item 3 at 0.0 s of loop time (queue size 2)",
                "consumed item 1 at 1.0 s of loop time",
                "put item 4 at 1.0 s of loop time (queue size 2)",
                "consumed item 2 at 2.0 s of loop time",
                "put item 5 at 2.0 s of loop time (queue size 2)",
                "consumed item 3 at 3.0 s of loop time",
                "consumed item 4 at 4.0 s of loop time",
                "consumed item 5 at 5.0 s of loop time",
                "all consumed at 5.0 s of loop time"), Outputs.of("producer-consumer"));
    }

    @Test
    void workerPoolOfFiveOverAThousandItems() {
        assertEquals(List.of(
                "1000 items done by 5 workers: {worker-0=201, worker-1=201, worker-2=199, worker-3=200, worker-4=199}",
                "5 workers took 1.103 s of loop time for 5.500 s of work",
                "workers cancelled: 5 of 5"), Outputs.of("worker-pool"));
    }

    @Test
    void workerPoolTakesItsSizesAsArguments() {
        // items of 1, 8, 5, 2, 9, 6, 3, 10, 7, 4 ms: worker-0 takes 1, 5, 2, 6, 3, 7, 4 (28 ms) while worker-1
        // takes 8, 9, 10 (27 ms); at 8 and 17 ms both are free, and worker-1, whose timer is older, goes first
        assertEquals(List.of(
                "10 items done by 2 workers: {worker-0=7, worker-1=3}",
                "2 workers took 0.028 s of loop time for 0.055 s of work",
                "workers cancelled: 2 of 2"), Outputs.of("worker-pool", "10", "2"));
    }

    @Test
    void backpressureBatches() {
        assertEquals(List.of(
                "batch [1, 2, 3, 4] -> [1, 4, 9, 16] at 1.5 s of loop time",
                "batch [5, 6, 7, 8] -> [25, 36, 49, 64] at 3.0 s of loop time",
                "batch [9, 10] -> [81, 100] at 4.0 s of loop time",
                "10 results, at most 4 items in flight at once"), Outputs.of("backpressure-batches"));
    }

    @Test
    void slidingWindowRateLimiterLetsThreeThroughPerSecond() {
        assertEquals(List.of(
                "request 1 sent at 0.0 s of loop time",
                "request 2 sent at 0.0 s of loop time",
                "request 3 sent at 0.0 s of loop time",
                "request 4 sent at 1.0 s of loop time",
                "request 5 sent at 1.0 s of loop time",
                "request 6 sent at 1.0 s of loop time",
                "request 7 sent at 2.0 s of loop time",
                "request 8 sent at 2.0 s of loop time",
                "request 9 sent at 2.0 s of loop time",
                "request 10 sent at 3.0 s of loop time",
                "10 requests, at most 3 per second, done at 3.0 s of loop time"), Outputs.of("sliding-window-rate-limiter"));
    }
}

package org.asyncio4j.sample.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: every tutorial example, in teaching order; bad arguments are refused with the reason. */
class TutorialExamplesTest {
    @Test
    void everyTutorialExampleIsRegisteredInTeachingOrder() {
        assertEquals(List.of("hello", "explicit-loop", "gather", "create-task", "wait", "as-completed", "wait-for-timeout",
                "timeout-scope", "cancel", "shield", "semaphore", "lock", "event", "condition", "producer-consumer",
                "worker-pool", "backpressure-batches", "retry-backoff", "sliding-window-rate-limiter", "task-group",
                "to-thread", "call-soon-later", "future", "tcp-echo", "udp-echo", "subprocess", "async-context-manager",
                "async-iterator", "async-generator"), TutorialExamples.all().stream().map(TutorialExamples.Example::name).toList());
    }

    @Test
    void anExampleWithoutArgumentsRefusesSome() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Outputs.of("hello", "loud"));
        assertEquals("example 'hello' takes no arguments, got [loud]", e.getMessage());
    }

    @Test
    void workerPoolSaysWhichArgumentIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Outputs.of("worker-pool", "10", "none"));
        assertEquals("worker-pool: workers must be a positive whole number, got 'none' (usage: worker-pool [items [workers]])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Outputs.of("worker-pool", "0"));
        assertEquals("worker-pool: items must be a positive whole number, got '0' (usage: worker-pool [items [workers]])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Outputs.of("worker-pool", "1", "2", "3"));
        assertEquals("worker-pool takes at most 2 arguments, [items [workers]]; got [1, 2, 3]", e.getMessage());
    }
}

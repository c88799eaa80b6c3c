package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio.Runner: one loop for several runs; tasks left by one run live on into the next; close cleans up. */
class RunnerTest {
    final List<String> log = new ArrayList<>();

    @Test
    void severalRunsShareOneLoopAndItsTasks() {
        Task<?>[] background = new Task<?>[1];
        EventLoop[] loops = new EventLoop[2];
        try (Runner runner = new Runner(new VirtualClock())) {
            String first = runner.run(() -> {
                loops[0] = EventLoop.current();
                background[0] = Asyncio.createTask(() -> S.start(r -> await(S.sleep(150)), r -> {
                    log.add("background done@" + S.t());
                    return done();
                }, r -> done()));
                return S.start(r -> await(S.sleep(100)), r -> done("first@" + S.t()));
            });
            log.add(first);
            String second = runner.run(() -> {
                loops[1] = EventLoop.current();
                return S.start(r -> await(S.sleep(100)), r -> done("second@" + S.t()));
            });
            log.add(second);
            assertSame(loops[0], loops[1]);
            assertSame(loops[0], runner.loop());
        }
        assertEquals(List.of("first@100", "background done@150", "second@200"), log);
        assertTrue(loops[0].isClosed());
    }

    @Test
    void closeCancelsWhatIsLeftAndTheRunnerCannotBeReused() {
        Runner runner = new Runner(new VirtualClock());
        runner.run(() -> {
            Asyncio.createTask(() -> S.start(r -> await(S.sleep(10_000)), r -> {
                try {
                    return done(r.get());
                } catch (CancelledError e) {
                    log.add("leftover cancelled@" + S.t());
                    throw e;
                }
            }));
            return S.start(r -> await(S.sleep(5)), r -> done());
        });
        runner.close();
        runner.close(); // idempotent
        assertEquals(List.of("leftover cancelled@5"), log);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(Task::completed));
        assertEquals("this Runner is closed: make a new one to run more code", e.getMessage());
    }

    @Test
    void aFailureOfOneRunIsRethrownAndTheNextRunStillWorks() {
        try (Runner runner = new Runner(new VirtualClock())) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            assertSame(boom, assertThrows(IllegalArgumentException.class,
                    () -> runner.run(() -> S.start(r -> await(S.sleep(1)), r -> {
                        throw boom;
                    }))));
            assertEquals("ok@2", runner.run(() -> S.start(r -> await(S.sleep(1)), r -> done("ok@" + S.t()))));
            IllegalStateException nested = assertThrows(IllegalStateException.class,
                    () -> runner.run(() -> runner.run(Task::completed) == null ? null : Task.completed()));
            assertTrue(nested.getMessage().startsWith("Runner.run() cannot be called from a running event loop"),
                    nested.getMessage());
        }
    }
}

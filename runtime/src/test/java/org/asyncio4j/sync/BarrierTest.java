package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md case 77, ported from test_locks.BarrierTests. */
class BarrierTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    Task<Object> arriveAfter(Barrier b, String name, long ms) {
        return Script.spawn(p -> Asyncio.sleep(Duration.ofMillis(ms)), p -> b.await(), p -> {
            log.add(name + "," + p.value() + "@" + Script.ms());
            return p.value();
        });
    }

    @Test
    void lastArriverReturnsFirst_indicesInArrivalOrder_thenReusable() {
        Barrier b = new Barrier(3);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            ts.add(arriveAfter(b, "a", 10));
            ts.add(arriveAfter(b, "b", 20));
            ts.add(arriveAfter(b, "c", 30));
            return Asyncio.sleep(Duration.ofMillis(25));
        }, p -> {
            assertEquals(2, b.waiting());
            return ts.get(2);
        }, p -> ts.get(0), p -> ts.get(1), p -> {
            assertEquals(List.of("c,2@30.0", "a,0@30.0", "b,1@30.0"), log);
            assertEquals(0, b.waiting());
            log.clear();
            ts.clear();
            ts.add(arriveAfter(b, "a", 0));
            ts.add(arriveAfter(b, "b", 0));
            ts.add(arriveAfter(b, "c", 0));
            return ts.get(1);
        }, p -> ts.get(0), p -> ts.get(2), p -> {
            assertEquals(List.of("c,2@30.0", "a,0@30.0", "b,1@30.0"), log);
            assertFalse(b.isBroken());
            return null;
        });
    }

    @Test
    void abortBreaksWaitersAndLaterCalls() {
        Barrier b = new Barrier(3);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            ts.add(arriveAfter(b, "a", 0));
            ts.add(arriveAfter(b, "b", 0));
            return Asyncio.sleep(Duration.ofMillis(1));
        }, p -> {
            b.abort();
            assertTrue(b.isBroken());
            return ts.get(0);
        }, p -> {
            assertInstanceOf(BrokenBarrierError.class, p.failure());
            return ts.get(1);
        }, p -> {
            assertInstanceOf(BrokenBarrierError.class, p.failure());
            return b.await();
        }, p -> {
            assertInstanceOf(BrokenBarrierError.class, p.failure());
            b.reset();
            assertFalse(b.isBroken());
            return null;
        });
    }

    @Test
    void resetBreaksTheCurrentRoundButLeavesTheBarrierUsable() {
        Barrier b = new Barrier(3);
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            ts.add(arriveAfter(b, "a", 0));
            ts.add(arriveAfter(b, "b", 0));
            return Asyncio.sleep(Duration.ofMillis(1));
        }, p -> {
            assertEquals(2, b.waiting());
            b.reset();
            assertFalse(b.isBroken());
            assertEquals(0, b.waiting());
            return ts.get(0);
        }, p -> {
            assertInstanceOf(BrokenBarrierError.class, p.failure());
            return ts.get(1);
        }, p -> {
            assertInstanceOf(BrokenBarrierError.class, p.failure());
            ts.clear();
            log.clear();
            for (String n : List.of("x", "y", "z")) {
                ts.add(arriveAfter(b, n, 0));
            }
            return ts.get(0);
        }, p -> ts.get(1), p -> ts.get(2), p -> {
            assertEquals(List.of("z,2@1.0", "x,0@1.0", "y,1@1.0"), log);
            return null;
        });
    }

    @Test
    void cancellingAWaiterDecrementsWaiting() {
        Barrier b = new Barrier(2);
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = Asyncio.createTask(b::await);
            return Asyncio.yieldNow();
        }, p -> {
            assertEquals(1, b.waiting());
            t[0].cancel();
            assertEquals(0, b.waiting());
            return t[0];
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            return null;
        });
    }

    @Test
    void construction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        assertEquals(0, run(p -> new Barrier(1).await(), p -> p.value()));
        assertEquals(4, new Barrier(4).parties());
    }

    /** {@code async with barrier as pos}: entering waits for the round, the passage holds the index, leaving does nothing. */
    @Test
    void enterWaitsForTheRoundAndThePassageExitsAtOnce() {
        Barrier b = new Barrier(2);
        List<Task<Object>> ts = new ArrayList<>();
        IllegalStateException pending = new IllegalStateException("body failed");
        run(p -> {
            ts.add(Script.spawn(q -> Asyncio.sleep(Duration.ofMillis(10)), q -> b.enter(), q -> {
                Barrier.Passage pass = q.value();
                log.add("a entered " + pass.index() + "@" + Script.ms());
                return pass.closeAsync(null);
            }, q -> {
                log.add("a left@" + Script.ms());
                return null;
            }));
            ts.add(Script.spawn(q -> Asyncio.sleep(Duration.ofMillis(20)), q -> b.enter(), q -> {
                Barrier.Passage pass = q.value();
                log.add("b entered " + pass.index() + "@" + Script.ms());
                Task<Void> exit = pass.closeAsync(pending);
                log.add("b exit done at once " + exit.isDone() + ", failed " + (exit.exception() != null));
                return exit;
            }));
            return ts.get(0);
        }, p -> ts.get(1), p -> {
            assertEquals(List.of("b entered 1@20.0", "b exit done at once true, failed false", "a entered 0@20.0", "a left@20.0"), log);
            return null;
        });
    }
}

package org.asyncio4j;

import static org.asyncio4j.S.after;
import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.asyncio4j.S.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md section G: shield (cases 48-50). */
class ShieldTest {
    final List<String> log = new ArrayList<>();

    @Test
    void case48_theCallerIsCancelledAtOnceAndTheInnerTaskSurvives() {
        int[] proof = {0};
        Task<?>[] inner = new Task<?>[1];
        S.run(() -> {
            inner[0] = S.start(r -> await(S.sleep(100)), r -> {
                proof[0]++;
                log.add("inner done@" + t());
                return done("inner");
            });
            Task<Object> outer = S.start(r -> await(Asyncio.shield(inner[0])), r -> {
                try {
                    r.get();
                    proof[0] += 100;
                } catch (CancelledError e) {
                    log.add("outer got CancelledError@" + t());
                    throw e;
                }
                return done();
            });
            return S.start(r -> await(S.sleep(10)), r -> {
                outer.cancel();
                return await(Asyncio.gatherSettled(List.of(outer)));
            }, r -> await(inner[0]), r -> done());
        });
        assertEquals(List.of("outer got CancelledError@10", "inner done@100"), log);
        assertEquals(1, proof[0]);
        assertEquals("inner", inner[0].result());
    }

    @Test
    void case49_cancellingTheInnerCancelsTheShield() {
        S.run(() -> {
            Promise<Void> inner = new Promise<>();
            Task<Void> outer = Asyncio.shield(inner);
            inner.cancel();
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                log.add("outer cancelled=" + outer.isCancelled());
                return done();
            });
        });
        assertEquals(List.of("outer cancelled=true"), log);
    }

    @Test
    void case49_anInnerFailureIsTheSameObjectOnTheShield() {
        IllegalStateException boom = new IllegalStateException("boom");
        S.run(() -> {
            Promise<Void> inner = new Promise<>();
            Task<Void> outer = Asyncio.shield(inner);
            inner.fail(boom);
            return S.start(r -> await(outer), r -> {
                try {
                    r.get();
                } catch (IllegalStateException e) {
                    assertSame(boom, e);
                    log.add("same");
                }
                return done();
            });
        });
        assertEquals(List.of("same"), log);
    }

    @Test
    void case49_shieldOfADoneTaskIsThatTask() {
        S.run(() -> {
            Task<Integer> doneTask = Task.completed(1);
            assertSame(doneTask, Asyncio.shield(doneTask));
            return Task.completed();
        });
    }

    @Test
    void case49_cancellingTheShieldLeavesNoCallbackOnTheInner() {
        S.run(() -> {
            Promise<Void> inner = new Promise<>();
            Task<Void> outer = Asyncio.shield(inner);
            assertEquals(1, waiterCount(inner));
            outer.cancel();
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                assertEquals(0, waiterCount(inner));
                assertFalse(inner.isDone());
                log.add("clean");
                return done();
            });
        });
        assertEquals(List.of("clean"), log);
    }

    private static int waiterCount(FutureBase<?> f) {
        Object w = f.waiters;
        if (w == null) {
            return 0;
        }
        if (w instanceof Object[] list) {
            int n = 0;
            while (n < list.length && list[n] != null) {
                n++;
            }
            return n;
        }
        return 1;
    }

    @Test
    void case50_gatherOfShieldsCancelsTheShieldsOnly() {
        Task<?>[] cs = new Task<?>[2];
        Task<?>[] parent = new Task<?>[1];
        S.run(() -> {
            cs[0] = after(100, 1, log);
            cs[1] = after(100, 2, log);
            parent[0] = Asyncio.gather(Asyncio.shield(cs[0]), Asyncio.shield(cs[1]));
            assertTrue(parent[0].cancel());
            return S.start(r -> await(Asyncio.gatherSettled(List.of(parent[0]))), r -> await(S.sleep(200)), r -> done());
        });
        assertInstanceOf(CancelledError.class, parent[0].exception());
        assertFalse(cs[0].isCancelled());
        assertFalse(cs[1].isCancelled());
        assertEquals(List.of("1@100", "2@100"), log);
    }

    @Test
    void case50_shieldOfGatherKeepsTheGatherRunning() {
        Task<?>[] g = new Task<?>[1];
        S.run(() -> {
            g[0] = Asyncio.gather(after(100, 1, null), after(100, 2, null));
            Task<?> outer = Asyncio.shield(g[0]);
            outer.cancel();
            return S.start(r -> await(g[0]), r -> done());
        });
        assertEquals(List.of(1, 2), g[0].result());
    }
}

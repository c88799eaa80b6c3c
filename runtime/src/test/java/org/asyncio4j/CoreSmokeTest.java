package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** Hand-written machines in the shape the processor emits. */
class CoreSmokeTest {
    static final List<String> log = new ArrayList<>();

    /** @Async Task<Integer> twice(int x) { int a = Await.on(sleep(10ms, x)); return completed(a + Await.on(sleep(10ms, x))); } */
    static final class Twice extends Coroutine<Integer> {
        final int x;
        int a;

        Twice(int x) {
            this.x = x;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (await(Asyncio.sleep(Duration.ofMillis(10), x), 1)) return;
                case 1:
                    a = this.<Integer>awaited();
                    log.add("a=" + a + " t=" + EventLoop.current().time());
                    if (await(Asyncio.sleep(Duration.ofMillis(10), x), 2)) return;
                case 2:
                    int b = this.<Integer>awaited();
                    returnValue(a + b);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    @Test
    void twiceOnVirtualClock() {
        log.clear();
        int r = Asyncio.run(() -> new Twice(2).start(), new VirtualClock());
        assertEquals(4, r);
        assertEquals(List.of("a=2 t=10000000"), log);
    }

    static final class Chain extends Coroutine<Integer> {
        final int n;

        Chain(int n) {
            this.n = n;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (n == 0) {
                        if (await(Asyncio.yieldNow(), 2)) return;
                        awaited();
                        returnValue(0);
                        return;
                    }
                    if (await(new Chain(n - 1).start(), 1)) return;
                case 1:
                    int v = this.<Integer>awaited();
                    returnValue(v + 1);
                    return;
                case 2:
                    awaited();
                    returnValue(0);
                    return;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    @Test
    void millionDeepChainDoesNotOverflow() {
        int r = Asyncio.run(() -> new Chain(1_000_000).start(), new VirtualClock());
        assertEquals(1_000_000, r);
    }

    @Test
    void runInsideRunIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.run(() -> Task.completed(Asyncio.run(() -> Task.completed(1)))));
        assertTrue(e.getMessage().contains("running event loop"), e.getMessage());
    }
}

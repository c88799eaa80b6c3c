package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio-semantics.md case 72, ported from test_locks.EventTests. */
class EventTest {
    final List<Object> log = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    Task<Object> logAfterWait(Event ev, Object tag) {
        return Script.spawn(p -> ev.await(), p -> {
            p.value();
            log.add(tag);
            return true;
        });
    }

    @Test
    void setWakesEveryWaiter_aNewcomerOnASetEventGoesFirst() {
        Event ev = new Event();
        List<Task<Object>> ts = new ArrayList<>();
        run(p -> {
            assertFalse(ev.isSet());
            ts.add(logAfterWait(ev, 1));
            ts.add(logAfterWait(ev, 2));
            return Asyncio.yieldNow();
        }, p -> {
            assertEquals(List.of(), log);
            ts.add(logAfterWait(ev, 3));
            ev.set();
            return Asyncio.yieldNow();
        }, p -> {
            assertEquals(List.of(3, 1, 2), log);
            for (Task<Object> t : ts) {
                assertEquals(true, t.result());
            }
            return null;
        });
    }

    @Test
    void awaitOnASetEventIsDoneAtOnce() {
        Event ev = new Event();
        ev.set();
        run(p -> {
            Task<Void> t = ev.await();
            assertTrue(t.isDone());
            return t;
        });
    }

    @Test
    void setThenClearStillWakesTheWaiter_repeatedSetDoesNotDuplicate() {
        Event ev = new Event();
        Task<?>[] t = new Task<?>[1];
        run(p -> {
            t[0] = logAfterWait(ev, 1);
            return Asyncio.yieldNow();
        }, p -> {
            assertEquals(1, ev.waiting());
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(0, ev.waiting());
            return Asyncio.yieldNow();
        }, p -> {
            assertEquals(List.of(1), log);
            assertTrue(t[0].isDone());
            return null;
        });
    }

    @Test
    void cancelledWaitRemovesItsWaiter() {
        Event ev = new Event();
        run(p -> {
            Task<Void> w = Asyncio.createTask(ev::await);
            EventLoop.current().callSoon(w::cancel);
            return w;
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(0, ev.waiting());
            return null;
        });
    }
}

package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The protocol generated code uses: {@code if (m.suspends($await = m.task(x), k)) return; case k:
 * m.awaited($await)}. The task of an await stays in the resume method's local; the machine records
 * it only when it really suspends.
 */
class LocalAwaitTest {
    final List<String> log = new ArrayList<>();

    /** Awaits each task in turn, logging each outcome and whether the task was recorded meanwhile. */
    final class Each extends Coroutine<String> {
        final List<Object> tasks;
        int i;

        Each(List<Object> tasks) {
            this.tasks = tasks;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> $await = null;
            while (true) {
                switch (state) {
                    case 0:
                        if (i == tasks.size()) {
                            returnValue("end");
                            return;
                        }
                        Object t = tasks.get(i);
                        boolean suspended = t instanceof Task<?> task ? suspends($await = task(task), 1)
                                : suspends($await = task((CompletableFuture<?>) t), 1);
                        log.add("await " + i + (suspended ? " suspends" : " goes on") + ", recorded="
                                + (awaiting != null));
                        if (suspended) return;
                    case 1:
                        try {
                            Object v = awaited($await);
                            log.add("got " + v + " t=" + EventLoop.current().time());
                        } catch (Throwable e) {
                            log.add("caught " + e.getClass().getSimpleName() + " " + e.getMessage());
                        }
                        log.add("recorded=" + (awaiting != null));
                        i++;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void doneTasksGoOnWithoutBeingRecordedPendingOnesSuspend() {
        String r = Asyncio.run(() -> new Each(List.of(
                Task.completed("a"),
                Asyncio.sleep(Duration.ofMillis(5), "b"),
                Task.failed(new IOException("c")),
                CompletableFuture.completedFuture("d"))).start(), new VirtualClock());
        assertEquals("end", r);
        assertEquals(List.of(
                "await 0 goes on, recorded=false", "got a t=0", "recorded=false",
                "await 1 suspends, recorded=true", "got b t=5000000", "recorded=false",
                "await 2 goes on, recorded=false", "caught IOException c", "recorded=false",
                // a CompletionStage completed on the loop thread is done at once
                "await 3 goes on, recorded=false", "got d t=5000000", "recorded=false"), log);
    }

    @Test
    void aCancelDeliveredAtAResumeIsThrownByAwaitedOfTheRecordedTask() {
        String r = Asyncio.run(() -> {
            Each e = new Each(List.of(Asyncio.sleep(Duration.ofMillis(5), "x"), Task.completed("y")));
            e.start();
            Asyncio.createTask(() -> {
                e.cancel("stop");
                return Task.completed(null);
            });
            return e;
        }, new VirtualClock());
        assertEquals(List.of(
                "await 0 suspends, recorded=true", "caught CancelledError stop", "recorded=false",
                "await 1 goes on, recorded=false", "got y t=0", "recorded=false"), log);
        assertEquals("end", r);
    }

    @Test
    void suspendsRecordsTheStateEvenWhenItGoesOn() {
        Asyncio.run(() -> {
            Coroutine<Void> c = new Coroutine<>() {
                @Override
                protected void resume() {}
            };
            Task<Integer> one = Task.completed(1);
            assertSame(one, c.task(one));
            assertFalse(c.suspends(one, 7));
            assertEquals(7, c.state);
            assertNull(c.awaiting);
            assertEquals(Integer.valueOf(1), c.<Integer>awaited(one));
            assertThrows(NullPointerException.class, () -> c.task((CompletableFuture<?>) null));
            c.returnValue(null);
            return Task.completed(null);
        });
    }
}

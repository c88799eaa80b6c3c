package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * {@code Await.on(Asyncio.sleep(d))} as the processor emits it, {@code m.suspends($await = m.task(m.sleep(d)), k)}:
 * the machine itself is the timer entry ({@link Coroutine#sleep(Duration)}). Every scenario runs twice,
 * once with that form and once with {@code m.task(Asyncio.sleep(d))} (a {@link Sleep} object, the form
 * for a sleep that may have been kept), and must give the same events at the same loop times, which are
 * also written out exactly: the timer completes the sleep and the task wakes one iteration later,
 * cancels wake the task on the next iteration, and a stale timer entry never wakes a task.
 */
class MachineSleepTest {
    /** One run of a scenario: its log, "ms text" per event. */
    private static List<String> run(boolean merged, BiFunction<Boolean, List<String>, Task<?>> main) {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> main.apply(merged, log), new VirtualClock());
        return log;
    }

    private static void assertBoth(List<String> expected, BiFunction<Boolean, List<String>, Task<?>> main) {
        List<String> viaSleepObject = run(false, main);
        List<String> merged = run(true, main);
        assertEquals(expected, viaSleepObject, "the Sleep object's path (the reference)");
        assertEquals(expected, merged, "the machine as its own timer entry");
    }

    static void log(List<String> log, String what) {
        log.add(EventLoop.current().time() / 1_000_000 + " " + what);
    }

    /**
     * {@code for (long d : delays) { try { Await.on(Asyncio.sleep(ms(d))); log woke; } catch (CancelledError e) {
     * log cancelled; if (!survive) throw e; } }} written as generated code is.
     */
    static class Sleeper extends Coroutine<String> {
        private final boolean merged;
        private final String name;
        private final long[] delays;
        private final boolean survive;
        private final List<String> log;
        private int i;

        Sleeper(boolean merged, String name, List<String> log, boolean survive, long... delays) {
            this.merged = merged;
            this.name = name;
            this.delays = delays;
            this.survive = survive;
            this.log = log;
        }

        Sleeper go() {
            start();
            return this;
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine, as generated code falls from case to case
        protected void resume() {
            Task<?> aw = null;
            for (;;) {
                switch (state) {
                    case 0:
                    case 2:
                        if (i == delays.length) {
                            returnValue(name);
                            return;
                        }
                        log(log, name + " sleeps " + delays[i]);
                        Duration d = Duration.ofMillis(delays[i]);
                        if (suspends(aw = merged ? task(sleep(d)) : task(Asyncio.sleep(d)), 1)) return;
                    case 1:
                        try {
                            awaited(aw);
                            log(log, name + " woke");
                        } catch (CancelledError e) {
                            log(log, name + " cancelled " + e.getMessage());
                            if (!survive) {
                                throw e;
                            }
                        }
                        aw = null;
                        i++;
                        state = 2;
                        continue;
                    default:
                        throw new IllegalStateException("state " + state);
                }
            }
        }
    }

    /** Waits for {@code t}: main's body. */
    private static Task<?> join(Task<?> t) {
        return Asyncio.gather(List.of(t));
    }

    @Test
    void theTaskWakesOneIterationAfterItsTimerInTimerOrder() {
        // Two callbacks due at 10 ms, one scheduled before the sleep and one after; each queues a
        // follower with callSoon. asyncio: at 10 the due handles run in order (the sleep's handle
        // completes the sleep), and the task wakes on the next iteration, between the two followers.
        assertBoth(List.of("0 A sleeps 10", "10 before", "10 after", "10 before+1", "10 A woke", "10 after+1"), (merged, log) -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ofMillis(10), () -> {
                log(log, "before");
                loop.callSoon(() -> log(log, "before+1"));
            });
            Task<?> a = new Sleeper(merged, "A", log, false, 10).go();
            loop.callLater(Duration.ofMillis(10), () -> {
                log(log, "after");
                loop.callSoon(() -> log(log, "after+1"));
            });
            return join(a);
        });
    }

    @Test
    void aCancelledSleepWakesTheTaskOnTheNextIterationAndItsStaleEntryNeverWakesItAgain() {
        // Cancelled at 30 out of a 100 ms sleep, B sleeps 50 (to 80) and then 40 (to 120): the stale
        // entry due at 100 must not wake it. A timer at 90 keeps that entry below the top of the heap
        // (lazy deletion drops a stale entry only once it reaches the top).
        assertBoth(List.of("0 B sleeps 100", "30 cancel", "30 B cancelled stop", "30 B sleeps 50", "80 B woke",
                "80 B sleeps 40", "90 filler", "120 B woke"), (merged, log) -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ofMillis(90), () -> log(log, "filler"));
            Sleeper b = new Sleeper(merged, "B", log, true, 100, 50, 40).go();
            loop.callLater(Duration.ofMillis(30), () -> {
                log(log, "cancel");
                b.cancel("stop");
            });
            return join(b);
        });
    }

    @Test
    void aStaleEntryWithTheSameDeadlineDoesNotWakeTheTaskBeforeItsTurn() {
        // B sleeps 100 at 0; on the next iteration X is scheduled for 100 and B is cancelled; B sleeps 100
        // again: three entries due at 100, B's stale one first, then X, then B's live one. X's follower
        // runs before B wakes. The filler at 50 keeps the stale entry below the top of the heap.
        assertBoth(List.of("0 B sleeps 100", "0 B cancelled null", "0 B sleeps 100", "50 filler", "100 X", "100 X+1",
                "100 B woke"), (merged, log) -> {
                    EventLoop loop = EventLoop.current();
                    loop.callLater(Duration.ofMillis(50), () -> log(log, "filler"));
                    Sleeper b = new Sleeper(merged, "B", log, true, 100, 100).go();
                    loop.callSoon(() -> {
                        loop.callLater(Duration.ofMillis(100), () -> {
                            log(log, "X");
                            loop.callSoon(() -> log(log, "X+1"));
                        });
                        b.cancel();
                    });
                    return join(b);
                });
    }

    @Test
    void aCancelAfterTheTimerWasDueButBeforeItRanCancelsTheSleep() {
        // X is due at 10 with B's timer, and runs first: B's sleep is not done yet, so the cancel
        // cancels it (asyncio: the timer handle then finds it cancelled and does nothing); B raises
        // CancelledError on the next iteration, once, and its next sleep runs its full 5 ms.
        assertBoth(List.of("0 B sleeps 10", "10 X cancels", "10 B cancelled late", "10 B sleeps 5", "10 X+1", "15 B woke"),
                (merged, log) -> {
                    EventLoop loop = EventLoop.current();
                    Sleeper[] b = new Sleeper[1];
                    loop.callLater(Duration.ofMillis(10), () -> {
                        log(log, "X cancels");
                        assertTrue(b[0].cancel("late"));
                        loop.callSoon(() -> log(log, "X+1"));
                    });
                    b[0] = new Sleeper(merged, "B", log, true, 10, 5).go();
                    return join(b[0]);
                });
    }

    @Test
    void aCancelAfterTheTimerRanIsRaisedWhenTheTaskResumes() {
        // B's timer fires before X at 10: the sleep is done and B's wake-up is queued; X's cancel is
        // delivered at B's resumption, on the next iteration, after what X queued before it.
        assertBoth(List.of("0 B sleeps 10", "10 X cancels", "10 B cancelled late", "10 X+1"), (merged, log) -> {
            EventLoop loop = EventLoop.current();
            Sleeper b = new Sleeper(merged, "B", log, true, 10).go();
            loop.callLater(Duration.ofMillis(10), () -> {
                log(log, "X cancels");
                assertTrue(b.cancel("late"));
                loop.callSoon(() -> log(log, "X+1"));
            });
            return join(b);
        });
    }

    @Test
    void aTaskThatCancelledItselfGetsTheCancelThroughItsSleep() {
        // The cancel is requested before the sleep starts (the task is running): asyncio passes it to the
        // sleep at the await, so the task wakes with CancelledError on the next iteration, not after 50 ms.
        assertBoth(List.of("0 C sleeps 50", "0 C cancelled self", "0 C sleeps 20", "20 C woke"), (merged, log) -> {
            Sleeper[] c = new Sleeper[1];
            c[0] = new Sleeper(merged, "C", log, true, 50, 20) {
                @Override
                protected void resume() {
                    if (state == 0) {
                        cancel("self");
                    }
                    super.resume();
                }
            };
            c[0].go();
            return join(c[0]);
        });
    }

    @Test
    void uncancelAfterTheSleepWasCancelledStillRaises() {
        // asyncio: the sleep future is cancelled, so the task raises CancelledError although uncancel()
        // brought its count back to 0 before it resumed.
        assertBoth(List.of("0 D sleeps 100", "5 D cancelled x", "5 D sleeps 1", "6 D woke"), (merged, log) -> {
            EventLoop loop = EventLoop.current();
            Sleeper d = new Sleeper(merged, "D", log, true, 100, 1).go();
            loop.callLater(Duration.ofMillis(5), () -> {
                d.cancel("x");
                assertEquals(0, d.uncancel());
            });
            return join(d);
        });
    }

    @Test
    void sleepZeroYieldsForExactlyOneIteration() {
        assertBoth(List.of("0 E sleeps 0", "0 soon", "0 E woke", "0 soon+1"), (merged, log) -> {
            EventLoop loop = EventLoop.current();
            loop.callSoon(() -> {
                log(log, "soon");
                loop.callSoon(() -> log(log, "soon+1"));
            });
            Sleeper e = new Sleeper(merged, "E", log, false, 0).go();
            return join(e);
        });
    }

    @Test
    void aTaskDumpShowsTheSleepAsForASleepObject() {
        List<String> dumps = new ArrayList<>();
        for (boolean merged : new boolean[] {false, true}) {
            List<String> log = new ArrayList<>();
            Asyncio.run(() -> {
                EventLoop loop = EventLoop.current();
                Sleeper f = new Sleeper(merged, "F", log, false, 100).go();
                f.setName("F");
                loop.callLater(Duration.ofMillis(50), () -> {
                    String dump = loop.dumpTasks();
                    dumps.add(dump.lines().filter(l -> l.startsWith("\"F\"")).findFirst().orElse(dump));
                });
                return join(f);
            }, new VirtualClock());
            assertEquals(List.of("0 F sleeps 100", "100 F woke"), log);
        }
        assertEquals(List.of("\"F\" waiting on <sleep pending>", "\"F\" waiting on <sleep pending>"), dumps);
    }

    @Test
    void aSleepingMachineIsItsOwnTimerEntry() {
        Asyncio.run(() -> {
            Sleeper g = new Sleeper(true, "G", new ArrayList<>(), false, 100).go();
            assertSame(MachineSleep.SLEEPING, g.awaiting, "no sleep object: the machine awaits the shared marker");
            return join(g);
        }, new VirtualClock());
    }
    @Test
    void renumberingTheHeapKeepsASleepingMachineLiveAndItsStaleEntryStale() {
        Asyncio.run(() -> {
            Sleeper m = new Sleeper(true, "M", new ArrayList<>(), false, 1000).go(); // asleep on the loop's heap
            int loopSeq = m.sleepSeq;
            TimerHeap heap = new TimerHeap(6); // a heap of this test's own, renumbering after 6 sequences
            heap.push(10, "a");
            heap.push(50, m); // stale: the machine's sequence is set to the next entry's below
            heap.push(20, "b");
            assertTrue(heap.hasLive());
            m.sleepSeq = heap.push(60, m);
            heap.push(30, "c");
            heap.push(40, "d");
            heap.push(45, "e"); // the 8th sequence: the next settle renumbers
            List<Object> popped = new ArrayList<>();
            while (heap.hasLive()) {
                popped.add(heap.pop());
            }
            assertEquals(List.of("a", "b", "c", "d", "e", m), popped, "the stale entry at 50 is dropped, the live one at 60 kept");
            m.sleepSeq = loopSeq; // back to its entry in the loop's heap, which wakes it at 1000 ms
            return join(m);
        }, new VirtualClock());
    }
}

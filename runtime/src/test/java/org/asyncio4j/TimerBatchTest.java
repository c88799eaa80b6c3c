package org.asyncio4j;

import static org.asyncio4j.S.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * Timers through the heap's batch (timers pushed since the loop last looked are merged when it
 * next needs the earliest deadline): exact firing orders and loop times where merging, cancelling
 * and pruning could change them.
 */
class TimerBatchTest {
    final List<String> log = new ArrayList<>();

    /** A virtual clock that records where the loop made it jump. */
    static final class JumpLog implements Clock {
        final VirtualClock clock = new VirtualClock();
        final List<Long> jumps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public boolean isVirtual() {
            return true;
        }

        @Override
        public void advanceTo(long nanos) {
            jumps.add(nanos);
            clock.advanceTo(nanos);
        }
    }

    private Runnable logAt(String name) {
        return () -> log.add(name + "@" + S.t());
    }

    private static TimerHandle later(long millis, Runnable r) {
        return EventLoop.current().callLater(ms(millis), r);
    }

    @Test
    void equalDeadlinesFireInSchedulingOrderAcrossMergesOfSmallAndLargeBatches() {
        List<String> expected = new ArrayList<>();
        S.run(() -> S.start(r -> {
            for (int i = 0; i < 40; i++) { // first batch: merged by rebuilding the heap
                later(10, logAt("a" + i));
                expected.add("a" + i + "@10");
            }
            return S.await(Asyncio.yieldNow()); // the loop merges the batch
        }, r -> {
            for (int i = 0; i < 3; i++) { // 3 <= 40 / 8: sifted in one by one
                later(10, logAt("b" + i));
                expected.add("b" + i + "@10");
            }
            return S.await(Asyncio.yieldNow());
        }, r -> {
            for (int i = 0; i < 100; i++) { // larger than an eighth of the heap: rebuilt again
                later(10, logAt("c" + i));
                expected.add("c" + i + "@10");
            }
            return S.await(S.sleep(20));
        }, r -> S.done()));
        assertEquals(expected, log);
    }

    @Test
    void aBatchLongerThanAChunkKeepsItsOrder() {
        List<String> expected = new ArrayList<>();
        S.run(() -> {
            // 3000 timers (three chunks) with deadlines 2, 1, 0, 2, 1, 0, ... ms: per deadline,
            // scheduling order.
            for (int d = 0; d < 3; d++) {
                for (int i = 0; i < 3000; i++) {
                    if (2 - i % 3 == d) {
                        expected.add(i + "@" + d);
                    }
                }
            }
            for (int i = 0; i < 3000; i++) {
                later(2 - i % 3, logAt(Integer.toString(i)));
            }
            return S.sleep(5);
        });
        assertEquals(expected, log);
    }

    @Test
    void cancelledBeforeOrAfterTheMergeNeverFires() {
        TimerHandle[] merged = new TimerHandle[1];
        S.run(() -> S.start(r -> {
            TimerHandle inBatch = later(5, logAt("cancelled-in-batch"));
            later(5, logAt("kept1"));
            inBatch.cancel();
            merged[0] = later(7, logAt("cancelled-after-merge"));
            later(7, logAt("kept2"));
            return S.await(Asyncio.yieldNow()); // merged here
        }, r -> {
            log.add("yielded@" + S.t());
            merged[0].cancel(); // now in the heap
            return S.await(S.sleep(1));
        }, r -> {
            log.add("slept@" + S.t());
            return S.await(S.sleep(10));
        }, r -> S.done()));
        assertEquals(List.of("yielded@0", "slept@1", "kept1@5", "kept2@7"), log);
    }

    @Test
    void theClockJumpsToTheExactEarliestLiveDeadlineWhenTheEarliestWasCancelled() {
        JumpLog clock = new JumpLog();
        TimerHandle[] h = new TimerHandle[2];
        Asyncio.run(() -> S.start(r -> {
            h[0] = later(10, logAt("a"));
            h[1] = later(15, logAt("c"));
            later(20, logAt("b"));
            return S.await(Asyncio.yieldNow()); // merged: a is the top
        }, r -> {
            h[0].cancel(); // cancelled on top of the heap
            return S.await(S.sleep(30));
        }, r -> S.done()), clock);
        assertEquals(List.of("c@15", "b@20"), log);
        assertEquals(List.of(15_000_000L, 20_000_000L, 30_000_000L), clock.jumps);

        log.clear();
        JumpLog clock2 = new JumpLog();
        Asyncio.run(() -> {
            TimerHandle first = later(10, logAt("a")); // cancelled while still in the batch
            later(20, logAt("b"));
            first.cancel();
            return S.sleep(30);
        }, clock2);
        assertEquals(List.of("b@20"), log);
        assertEquals(List.of(20_000_000L, 30_000_000L), clock2.jumps);
    }

    @Test
    void pruningManyCancelledTimersKeepsTheOrderAndTheJumpsOfTheRest() {
        JumpLog clock = new JumpLog();
        List<TimerHandle> handles = new ArrayList<>();
        Asyncio.run(() -> S.start(r -> {
            for (int i = 1; i <= 2000; i++) {
                handles.add(later(i, logAt("t" + i)));
            }
            return S.await(Asyncio.yieldNow()); // all 2000 in the heap
        }, r -> {
            // cancel all but 777 and 1500 (the heap is then pruned: far over half cancelled)
            for (TimerHandle th : handles) {
                if (th.when() != 777_000_000L && th.when() != 1_500_000_000L) {
                    th.cancel();
                }
            }
            later(777, logAt("late777")); // equal deadline, scheduled later: fires after t777
            return S.await(S.sleep(3000));
        }, r -> S.done()), clock);
        assertEquals(List.of("t777@777", "late777@777", "t1500@1500"), log);
        assertEquals(List.of(777_000_000L, 1_500_000_000L, 3_000_000_000L), clock.jumps);
    }

    @Test
    void timersScheduledFromAFiringTimerFollowTheirOwnDeadlines() {
        S.run(() -> {
            EventLoop loop = EventLoop.current();
            later(10, logAt("x")); // deadline 10, scheduled first
            later(5, () -> {
                log.add("fire@" + S.t());
                later(5, logAt("y")); // deadline 10 as well, scheduled after x: fires after x
                later(0, logAt("now")); // due now: the next iteration, still at 5
                later(1, logAt("one"));
                loop.callAt(loop.time() - 1_000, logAt("past")); // already due, deadline before "now"
            });
            return S.sleep(20);
        });
        assertEquals(List.of("fire@5", "past@5", "now@5", "one@6", "x@10", "y@10"), log);
    }

    @Test
    void farFutureAndNearTimersFireAtTheirExactTimes() {
        JumpLog clock = new JumpLog();
        long day = Duration.ofDays(1).toNanos();
        Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ofDays(365_000), logAt("never")); // still pending at the end
            loop.callLater(Duration.ofDays(1), logAt("day"));
            later(1, logAt("near"));
            loop.callAt(Long.MAX_VALUE, logAt("max"));
            return S.sleep(Duration.ofDays(2).toMillis());
        }, clock);
        assertEquals(List.of("near@1", "day@" + day / 1_000_000), log);
        assertEquals(List.of(1_000_000L, day, 2 * day), clock.jumps);
    }
}

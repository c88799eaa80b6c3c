package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer heap: deadline order, scheduling order among equal deadlines, also across sequence renumbering. */
class TimerHeapTest {
    record Timer(long when, int order) {}

    @Test
    void equalDeadlinesPopInSchedulingOrderAcrossRenumbering() {
        TimerHeap heap = new TimerHeap(5); // renumbers every few pushes
        List<String> popped = new ArrayList<>();
        heap.push(20, "a20");
        heap.push(10, "b10");
        heap.push(20, "c20");
        heap.push(10, "d10");
        heap.push(10, "e10");
        heap.push(20, "f20"); // renumbering happened before this push
        popped.add((String) heap.pop());
        heap.push(10, "g10");
        heap.push(20, "h20");
        heap.push(10, "i10");
        while (!heap.isEmpty()) {
            popped.add((String) heap.pop());
        }
        assertEquals(List.of("b10", "d10", "e10", "g10", "i10", "a20", "c20", "f20", "h20"), popped);
    }

    @Test
    void randomPushesAndPopsMatchAStableOrderWithAndWithoutRenumbering() {
        for (int limit : new int[] {7, 64, Integer.MAX_VALUE}) {
            Random rnd = new Random(limit);
            TimerHeap heap = new TimerHeap(limit);
            PriorityQueue<Timer> model = new PriorityQueue<>((x, y) -> x.when != y.when
                    ? Long.compare(x.when, y.when) : Integer.compare(x.order, y.order));
            int order = 0;
            for (int step = 0; step < 20_000; step++) {
                if (model.size() < 5 || (model.size() < 6 && rnd.nextBoolean())) {
                    Timer t = new Timer(rnd.nextInt(4), order++);
                    heap.push(t.when, t);
                    model.add(t);
                } else {
                    assertEquals(model.peek().when, heap.peekWhen());
                    assertEquals(model.poll(), heap.pop(), "limit " + limit + " step " + step);
                }
            }
        }
    }

    @Test
    void batchesCancelsAndPrunesMatchAModelOfLiveTimers() {
        for (int limit : new int[] {50, Integer.MAX_VALUE}) {
            Random rnd = new Random(31 + limit);
            TimerHeap heap = new TimerHeap(limit);
            PriorityQueue<Timer> model = new PriorityQueue<>((x, y) -> x.when != y.when
                    ? Long.compare(x.when, y.when) : Integer.compare(x.order, y.order));
            List<Handle> stored = new ArrayList<>();
            java.util.Map<Handle, Timer> timerOf = new java.util.IdentityHashMap<>();
            int order = 0;
            for (int step = 0; step < 3_000; step++) {
                int op = rnd.nextInt(10);
                if (op < 4) { // a batch: 1 to 600 timers (sifted in, or a rebuild, over chunks)
                    int k = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 600);
                    for (int i = 0; i < k; i++) {
                        Timer t = new Timer(rnd.nextInt(100), order++);
                        Handle h = new Handle(() -> {});
                        heap.push(t.when, h);
                        model.add(t);
                        stored.add(h);
                        timerOf.put(h, t);
                    }
                } else if (op < 7 && !stored.isEmpty()) { // cancel some, in the batch or the heap
                    int k = 1 + rnd.nextInt(Math.max(1, stored.size() / (rnd.nextBoolean() ? 2 : 20)));
                    for (int i = 0; i < k && !stored.isEmpty(); i++) {
                        Handle h = stored.remove(rnd.nextInt(stored.size()));
                        h.cancel();
                        heap.noteCancelled();
                        model.remove(timerOf.remove(h));
                    }
                } else { // pop everything due at a time
                    long now = rnd.nextInt(100);
                    assertEquals(!model.isEmpty(), heap.hasLive(), "step " + step);
                    if (!model.isEmpty()) {
                        assertEquals(model.peek().when, heap.peekWhen(), "step " + step);
                    }
                    Object e;
                    while ((e = heap.pollDue(now)) != null) {
                        Timer expected = model.poll();
                        assertEquals(expected, timerOf.remove(e), "limit " + limit + " step " + step);
                        stored.remove(e);
                    }
                    assertTrue(model.isEmpty() || model.peek().when > now, "step " + step);
                }
            }
        }
    }
}

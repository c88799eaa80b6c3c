package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

package org.asyncio4j.queue;

import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * asyncio's {@code PriorityQueue}: the smallest item comes out first, by natural order or a
 * comparator. Items that compare equal come out in the order they were put (asyncio leaves ties to
 * its heap).
 * @param <T> the item type
 */
public final class PriorityAsyncQueue<T> extends AsyncQueue<T> {
    private final PriorityQueue<Entry<T>> heap;
    private final boolean naturalOrder;
    private long seq;

    /** Unbounded, natural order (items must be {@link Comparable}). */
    public PriorityAsyncQueue() {
        this(0, null);
    }

    /**
     * Bounded, natural order.
     * @param maxSize the most items the queue holds before {@code put} waits; 0 for no bound
     */
    public PriorityAsyncQueue(int maxSize) {
        this(maxSize, null);
    }

    /**
     * Bounded ({@code 0}: unbounded), ordered by {@code comparator} (null: natural order).
     * @param maxSize the most items the queue holds before {@code put} waits; 0 for no bound
     * @param comparator orders the items, smallest first; null for their natural order
     */
    public PriorityAsyncQueue(int maxSize, Comparator<? super T> comparator) {
        super(maxSize, false);
        naturalOrder = comparator == null;
        Comparator<? super T> c = comparator != null ? comparator : PriorityAsyncQueue::natural;
        heap = new PriorityQueue<>((a, b) -> {
            int r = c.compare(a.item, b.item);
            return r != 0 ? r : Long.compare(a.seq, b.seq);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> int natural(T a, T b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    private record Entry<T>(T item, long seq) {}

    @Override
    int itemCount() {
        return heap.size();
    }

    @Override
    void storeItem(T item) {
        Objects.requireNonNull(item, "PriorityAsyncQueue items must not be null (they are compared)");
        if (naturalOrder && !(item instanceof Comparable)) {
            // fail here, at the put, rather than later at a comparison
            throw new ClassCastException(item.getClass().getName() + " is not Comparable: give the queue a Comparator");
        }
        heap.add(new Entry<>(item, seq++));
    }


    @Override
    T removeItem() {
        return heap.poll().item;
    }
}

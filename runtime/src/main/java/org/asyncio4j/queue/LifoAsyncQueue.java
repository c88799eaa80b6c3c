package org.asyncio4j.queue;

import java.util.ArrayList;

/**
 * asyncio's {@code LifoQueue}: the most recently put item comes out first.
 * @param <T> the item type
 */
public final class LifoAsyncQueue<T> extends AsyncQueue<T> {
    private final ArrayList<T> stack = new ArrayList<>();

    /** An unbounded LIFO queue. */
    public LifoAsyncQueue() {
        this(0);
    }

    /**
     * A LIFO queue holding at most {@code maxSize} items.
     * @param maxSize the most items the queue holds before {@code put} waits; 0 for no bound
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public LifoAsyncQueue(int maxSize) {
        super(maxSize, false);
    }

    @Override
    int itemCount() {
        return stack.size();
    }

    @Override
    void storeItem(T item) {
        stack.add(item);
    }

    @Override
    T removeItem() {
        return stack.remove(stack.size() - 1);
    }
}

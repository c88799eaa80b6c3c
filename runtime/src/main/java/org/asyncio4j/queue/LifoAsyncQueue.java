package org.asyncio4j.queue;

import java.util.ArrayList;

/** asyncio's {@code LifoQueue}: the most recently put item comes out first. */
public final class LifoAsyncQueue<T> extends AsyncQueue<T> {
    private final ArrayList<T> stack = new ArrayList<>();

    public LifoAsyncQueue() {
        this(0);
    }

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

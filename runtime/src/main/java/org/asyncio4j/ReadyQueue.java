package org.asyncio4j;

/**
 * FIFO ring buffer of ready callbacks. An entry is a {@link FutureBase} (a coroutine to step or a
 * timer future to fire), a {@link Handle}, or a plain {@link Runnable}; holding coroutines directly
 * is what makes resuming an await allocation-free.
 */
final class ReadyQueue {
    private Object[] items = new Object[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Object o) {
        if (size == items.length) {
            grow();
        }
        items[(head + size) & (items.length - 1)] = o;
        size++;
    }

    Object poll() {
        Object o = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return o;
    }

    private void grow() {
        Object[] n = new Object[items.length * 2];
        for (int i = 0; i < size; i++) {
            n[i] = items[(head + i) & (items.length - 1)];
        }
        items = n;
        head = 0;
    }
}

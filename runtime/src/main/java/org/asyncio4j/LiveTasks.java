package org.asyncio4j;

import java.util.function.Consumer;

/**
 * The loop's pending tasks, as an intrusive doubly-linked list through {@link Coroutine} (8 bytes a
 * task, no allocation). It keeps every pending task strongly reachable (a deliberate difference
 * from asyncio's weak set: a task is never collected mid-flight) and serves {@code allTasks()} and
 * {@code Asyncio.run}'s final cleanup.
 */
final class LiveTasks {
    private Coroutine<?> head;
    private int size;

    void add(Coroutine<?> c) {
        c.nextLive = head;
        if (head != null) {
            head.prevLive = c;
        }
        head = c;
        size++;
    }

    void remove(Coroutine<?> c) {
        if (c.prevLive != null) {
            c.prevLive.nextLive = c.nextLive;
        } else if (head == c) {
            head = c.nextLive;
        } else {
            return; // not in the list
        }
        if (c.nextLive != null) {
            c.nextLive.prevLive = c.prevLive;
        }
        c.prevLive = null;
        c.nextLive = null;
        size--;
    }

    int size() {
        return size;
    }

    /** Oldest first (creation order), as asyncio's cleanup cancels them. */
    void forEach(Consumer<Coroutine<?>> action) {
        java.util.ArrayList<Coroutine<?>> list = new java.util.ArrayList<>(size);
        for (Coroutine<?> c = head; c != null; c = c.nextLive) {
            list.add(c);
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            action.accept(list.get(i));
        }
    }
}

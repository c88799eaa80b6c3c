package org.asyncio4j.bench.a4j;

import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * STAND-IN for {@code new AsyncQueue<>(1)} (written in parallel, not in this branch yet): a 1-slot
 * queue for exactly one producer and one consumer, built on {@link Promise}. It allocates a Promise
 * per suspension and a completed Task per get, so it is slower than a real queue should be.
 * TODO(lead): once org.asyncio4j.queue.AsyncQueue is merged, use it in PingPong and drop this class.
 */
final class PromiseSlot<T> {
    private T item;
    private boolean full;
    private Promise<T> getter;
    private Promise<Void> putter;
    private T pendingPut;

    Task<Void> put(T v) {
        if (getter != null) {
            Promise<T> g = getter;
            getter = null;
            g.complete(v);
            return Task.completed();
        }
        if (!full) {
            item = v;
            full = true;
            return Task.completed();
        }
        if (putter != null) {
            throw new IllegalStateException("PromiseSlot supports one producer only");
        }
        Promise<Void> p = new Promise<>();
        putter = p;
        pendingPut = v;
        return p;
    }

    Task<T> get() {
        if (full) {
            T v = item;
            if (putter != null) {
                item = pendingPut;
                pendingPut = null;
                Promise<Void> p = putter;
                putter = null;
                p.complete(null);
            } else {
                item = null;
                full = false;
            }
            return Task.completed(v);
        }
        if (getter != null) {
            throw new IllegalStateException("PromiseSlot supports one consumer only");
        }
        Promise<T> g = new Promise<>();
        getter = g;
        return g;
    }
}

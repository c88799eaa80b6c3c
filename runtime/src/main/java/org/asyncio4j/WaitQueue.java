package org.asyncio4j;


/**
 * Low-level: the fair FIFO queue of {@link Waiter}s that every synchronization primitive and queue
 * stands on. An intrusive doubly-linked list (the links live in the waiter), so adding, removing a
 * cancelled waiter from the middle and taking the first are O(1) and allocate nothing.
 *
 * <p><b>Not for users</b>: public only because {@code org.asyncio4j.sync} and {@code org.asyncio4j.queue}
 * are built on it; it shares the loop's package-private task state, so it cannot live in
 * {@link org.asyncio4j.spi} (Java has no narrower access between packages). May change in any release.
 *
 * <p>It also binds its owner to an event loop on first use ({@link #loop(Object)}), as asyncio 3.10+
 * primitives do, so primitives can be created before {@code Asyncio.run}. Loop thread only.
 *
 * @param <W> the primitive's waiter type
 */
public final class WaitQueue<W extends Waiter<?>> {
    private Waiter<?> head;
    private Waiter<?> tail;
    private int size;
    /** Volatile so that {@link #checkThread} on another thread sees the binding. */
    private volatile EventLoop loop;

    /** An empty queue, bound to no loop until its first use. */
    public WaitQueue() {}

    /**
     * Whether no waiter is queued.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The number of queued waiters.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /**
     * Appends {@code w}, which must not be in a queue already.
     *
     * @param w the waiter to append
     */
    public void add(W w) {
        if (w.queue != null) {
            throw new IllegalStateException(w + " is already in a wait queue");
        }
        if (w.isDone()) {
            throw new IllegalStateException(w + " is done and cannot wait");
        }
        assert w.loop == null || w.loop.inEventLoop() : "WaitQueue used off its loop's thread";
        w.queue = this;
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    /**
     * The first waiter, or null.
     *
     * @return the first waiter, or null when empty
     */
    @SuppressWarnings("unchecked")
    public W peek() {
        return (W) head;
    }

    /**
     * Removes and returns the first waiter, or null.
     *
     * @return the first waiter, now out of the queue, or null when empty
     */
    public W poll() {
        W w = peek();
        if (w != null) {
            remove(w);
        }
        return w;
    }

    void remove(Waiter<?> w) {
        assert w.queue == this;
        Waiter<?> p = w.prev;
        Waiter<?> n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        w.queue = null;
        size--;
    }

    /**
     * Fails with a clear {@link IllegalStateException} when called off the thread of the loop this
     * queue is bound to (a primitive's loop-bound method called from a foreign thread would change
     * its state without waking the loop, so a waiter would sleep on). Cheap: two field reads. A
     * primitive not yet bound (nobody ever waited on it) or bound to a closed loop is not checked.
     *
     * @param owner the primitive this queue belongs to (named in the message)
     * @param method the loop-bound method called, e.g. {@code "set()"}
     * @throws IllegalStateException on another thread than the bound loop's
     */
    public void checkThread(Object owner, String method) {
        EventLoop l = loop;
        if (l != null && !l.inEventLoop() && !l.isClosed()) {
            throw l.offThread(owner.getClass().getSimpleName() + "." + method);
        }
    }

    /**
     * The running loop, binding {@code owner} to it on first use. Throws {@link IllegalStateException}
     * when no loop runs on this thread, or when the owner is bound to another loop that is still open.
     *
     * @param owner the primitive this queue belongs to (named in the messages)
     * @return the loop running on this thread, now bound to {@code owner}
     */
    public EventLoop loop(Object owner) {
        EventLoop l = loop;
        if (l != null && l.inEventLoop() && l.isRunning()) {
            return l;
        }
        return bind(owner);
    }

    private EventLoop bind(Object owner) {
        EventLoop current = EventLoop.currentOrNull();
        if (current == null) {
            throw new IllegalStateException(owner + " must be used from a task on a running event loop (no loop runs on"
                    + " thread '" + Thread.currentThread().getName() + "'); run the code with Asyncio.run(...)");
        }
        EventLoop l = loop;
        if (l != null && l != current && !l.isClosed()) {
            throw new IllegalStateException(owner + " is bound to a different event loop (" + l + "); a primitive"
                    + " belongs to the first loop that waits on it: create one per loop");
        }
        if (l != current) {
            // First use, or the old loop is closed: its waiters can never run again.
            while (head != null) {
                remove(head);
            }
            loop = current;
        }
        return current;
    }

    @Override
    public String toString() {
        return "WaitQueue[size=" + size + "]";
    }
}

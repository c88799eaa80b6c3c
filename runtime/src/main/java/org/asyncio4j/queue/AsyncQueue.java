package org.asyncio4j.queue;

import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.WaitQueue;
import org.asyncio4j.Waiter;

/**
 * asyncio's {@code Queue} (FIFO), with {@code maxSize} back-pressure, {@link #taskDone()} /
 * {@link #join()} and 3.13's {@link #shutdown(boolean)}. {@link PriorityAsyncQueue} and
 * {@link LifoAsyncQueue} change only the order items come out in. Null items are allowed
 * (a {@code null} sentinel works, as {@code None} does in asyncio).
 *
 * <p>Blocked getters and putters are served in FIFO order, as in asyncio: a {@code put} wakes the
 * first getter, which takes an item when its task runs (so a priority queue hands it the best item
 * present at that moment). Unlike asyncio, the item (or, for a putter, the free slot) is reserved
 * for the woken task, so a {@code getNowait()}/{@code putNowait()} from another task cannot snatch
 * it in between: {@link #isEmpty()}/{@link #isFull()} answer for a newcomer. A cancelled
 * {@code get()} or {@code put()} never loses or duplicates an item: a woken getter that is
 * cancelled leaves the item in the queue and wakes the next getter.
 * @param <T> the item type; null items are allowed
 */
public class AsyncQueue<T> {
    private final int maxSize;
    private final WaitQueue<Getter<T>> getters = new WaitQueue<>();
    private final WaitQueue<Putter<T>> putters = new WaitQueue<>();
    private final WaitQueue<Joiner> joiners = new WaitQueue<>();
    /** Items in the buffer promised to woken getters whose tasks have not taken them yet. */
    private int reservedItems;
    /** Free slots promised to woken putters whose tasks have not filled them yet. */
    private int reservedSlots;
    private int unfinished;
    private boolean shutdown;
    /**
     * A getter taken by a task that awaited {@code get()} directly, kept for the next {@link #get()}
     * that waits, so a steady hand-off allocates nothing (see {@link Getter#awaitedDirectly}).
     */
    private Getter<T> spareGetter;
    /** The same for {@link #put}: a putter taken by a task that awaited {@code put(x)} directly. */
    private Putter<T> sparePutter;
    /** Only the runtime's own queue classes reuse waiters: a subclass may override {@code get()}/{@code put()} and keep their tasks. */
    private final boolean reusesWaiters = getClass() == AsyncQueue.class || getClass() == LifoAsyncQueue.class
            || getClass() == PriorityAsyncQueue.class;

    // FIFO ring buffer (subclasses keep their own storage). Power-of-two capacity.
    private Object[] ring;
    private int head;
    private int count;

    /** An unbounded queue. */
    public AsyncQueue() {
        this(0);
    }

    /**
     * A queue holding at most {@code maxSize} items ({@code 0}: unbounded).
     * @param maxSize the most items the queue holds before {@code put} waits; 0 for no bound
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public AsyncQueue(int maxSize) {
        this(maxSize, true);
    }

    AsyncQueue(int maxSize, boolean fifoStorage) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("queue maxSize must be >= 0 (0 means unbounded), got " + maxSize);
        }
        this.maxSize = maxSize;
        if (fifoStorage) {
            int cap = 8;
            while (maxSize > 0 && cap < maxSize && cap < (1 << 16)) {
                cap <<= 1;
            }
            ring = new Object[cap];
        }
    }

    // ------------------------------------------------------------------ storage (asyncio's _put/_get/qsize)

    int itemCount() {
        return count;
    }

    void storeItem(T item) {
        Object[] r = ring;
        if (count == r.length) {
            r = growRing();
        }
        r[(head + count) & (r.length - 1)] = item;
        count++;
    }

    @SuppressWarnings("unchecked")
    T removeItem() {
        Object[] r = ring;
        int h = head;
        T item = (T) r[h];
        r[h] = null;
        head = (h + 1) & (r.length - 1);
        count--;
        return item;
    }

    private Object[] growRing() {
        Object[] old = ring;
        Object[] n = new Object[old.length * 2];
        for (int i = 0; i < count; i++) {
            n[i] = old[(head + i) & (old.length - 1)];
        }
        ring = n;
        head = 0;
        return n;
    }

    // ------------------------------------------------------------------ queries

    /**
     * Items in the queue, including those already promised to woken getters (asyncio's {@code qsize()}).
     * @return the number of items in the queue
     */
    public int size() {
        return itemCount();
    }

    /**
     * The bound given at construction; 0 for an unbounded queue.
     * @return the bound, or 0 when unbounded
     */
    public int maxSize() {
        return maxSize;
    }

    /**
     * True when a new {@code get()} would wait: no item, or only items promised to woken getters.
     * @return true if the queue has no item a new getter could take
     */
    public boolean isEmpty() {
        return itemCount() <= reservedItems;
    }

    /**
     * True when a new {@code put()} would wait (never for an unbounded queue).
     * @return true if a new {@code put()} would wait; never for an unbounded queue
     */
    public boolean isFull() {
        return maxSize > 0 && itemCount() + reservedSlots >= maxSize;
    }

    /** Tasks blocked in {@code get()} (not counting woken ones). */
    int waitingGetters() {
        return getters.size();
    }

    /** Tasks blocked in {@code put()} (not counting woken ones). */
    int waitingPutters() {
        return putters.size();
    }

    int reservedItems() {
        return reservedItems;
    }

    int reservedSlots() {
        return reservedSlots;
    }

    /**
     * Whether {@link #shutdown()} or {@link #shutdown(boolean)} was called.
     * @return true once the queue is shut down
     */
    public boolean isShutDown() {
        return shutdown;
    }

    // ------------------------------------------------------------------ put

    /**
     * Puts {@code item}, waiting while the queue is full. Fails with {@link QueueShutDownException}
     * after {@link #shutdown()}.
     * @param item the item to enqueue; may be null
     * @return a task completing once the item is in the queue
     */
    public Task<Void> put(T item) {
        getters.checkThread(this, "put()");
        if (shutdown) {
            return Task.failed(shutDown("put"));
        }
        if (!isFull()) {
            enqueue(item);
            return Task.completed();
        }
        EventLoop loop = getters.loop(this);
        Putter<T> p = sparePutter;
        if (p != null && p.servesLoop(loop)) {
            sparePutter = null;
            p.item = item;
        } else {
            p = new Putter<>(this, item, loop);
        }
        putters.add(p);
        return p;
    }

    /**
     * Puts {@code item} now or throws {@link QueueFullException} (or {@link QueueShutDownException}).
     * @param item the item to enqueue; may be null
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(T item) {
        getters.checkThread(this, "putNowait()");
        if (shutdown) {
            throw shutDown("putNowait");
        }
        if (isFull()) {
            throw new QueueFullException("putNowait: the queue is full (maxSize " + maxSize + "); use put() to wait for room");
        }
        enqueue(item);
    }

    private void enqueue(T item) {
        storeItem(item);
        unfinished++;
        if (itemCount() > reservedItems) {
            wakeGetter();
        }
    }

    // ------------------------------------------------------------------ get

    /**
     * Takes the next item, waiting while the queue is empty. Fails with {@link QueueShutDownException}
     * once the queue is shut down and empty.
     * @return a task completing with the item taken
     */
    public Task<T> get() {
        getters.checkThread(this, "get()");
        if (itemCount() > reservedItems) {
            return Task.completed(dequeue());
        }
        if (shutdown) {
            return Task.failed(shutDown("get"));
        }
        EventLoop loop = getters.loop(this);
        Getter<T> g = spareGetter;
        if (g != null && g.servesLoop(loop)) {
            spareGetter = null;
        } else {
            g = new Getter<>(this, loop);
        }
        getters.add(g);
        return g;
    }

    /**
     * Takes the next item now, or throws {@link QueueEmptyException} (or {@link QueueShutDownException}).
     * @return the item taken
     * @throws QueueEmptyException if the queue has no item to take
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public T getNowait() {
        getters.checkThread(this, "getNowait()");
        if (itemCount() <= reservedItems) {
            if (shutdown) {
                throw shutDown("getNowait");
            }
            throw new QueueEmptyException("getNowait: the queue is empty; use get() to wait for an item");
        }
        return dequeue();
    }

    private T dequeue() {
        T item = removeItem();
        wakePutter();
        return item;
    }

    // ------------------------------------------------------------------ waking (asyncio's _wakeup_next)

    private void wakeGetter() {
        Getter<T> g = getters.poll();
        if (g != null) {
            reservedItems++;
            g.reserved = true;
            g.wake();
        }
    }

    private void wakePutter() {
        if (maxSize > 0 && itemCount() + reservedSlots < maxSize) {
            Putter<T> p = putters.poll();
            if (p != null) {
                reservedSlots++;
                p.reserved = true;
                p.wake();
            }
        }
    }

    /** The rest of asyncio's {@code get()}, run by the getter's task when it resumes. */
    void getterTaken(Getter<T> g, boolean dropped) {
        if (g.reserved) {
            reservedItems--;
        }
        if (dropped || g.isCancelled()) {
            if (g.reserved && itemCount() > reservedItems) {
                wakeGetter(); // it will not take its item: pass the wake-up on
            }
            return;
        }
        if (itemCount() > reservedItems) {
            g.take(dequeue());
        } else {
            assert shutdown : "a woken getter found no item although one was reserved for it";
            g.refuse(shutDown("get"));
        }
    }

    /** The rest of asyncio's {@code put()}, run by the putter's task when it resumes. */
    void putterTaken(Putter<T> p, boolean dropped) {
        if (p.reserved) {
            reservedSlots--;
        }
        if (dropped || p.isCancelled()) {
            if (p.reserved) {
                wakePutter();
            }
            return;
        }
        if (shutdown) {
            p.refuse(shutDown("put"));
            if (p.reserved) {
                wakePutter();
            }
            return;
        }
        assert !isFull() : "a woken putter found no room although a slot was reserved for it";
        enqueue(p.takeItem());
    }

    // ------------------------------------------------------------------ join

    /**
     * Marks one item taken with {@code get()} as processed. Throws {@link IllegalStateException} when
     * called more often than items were put.
     */
    public void taskDone() {
        getters.checkThread(this, "taskDone()");
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called too many times: more than the items put into the queue");
        }
        if (--unfinished == 0) {
            Joiner j;
            while ((j = joiners.poll()) != null) {
                j.wake();
            }
        }
    }

    /**
     * Completes once every item put has been marked with {@link #taskDone()} (at once if none is pending).
     * @return a task that completes when {@link #unfinished()} reaches 0
     */
    public Task<Void> join() {
        getters.checkThread(this, "join()");
        if (unfinished == 0) {
            return Task.completed();
        }
        Joiner j = new Joiner(getters.loop(this));
        joiners.add(j);
        return j;
    }

    /**
     * Items put and not yet marked done.
     * @return the number of items put and not yet marked with {@link #taskDone()}
     */
    public int unfinished() {
        return unfinished;
    }

    // ------------------------------------------------------------------ shutdown

    /** {@code shutdown(false)}. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: later puts fail with {@link QueueShutDownException}, and so do gets once
     * the queue is empty; blocked putters fail, blocked getters fail unless items remain. With
     * {@code immediate}, the items left are dropped and counted as done (so {@link #join()} may complete).
     * @param immediate true to drop the items left (counting them as done); false to let getters drain them
     */
    public void shutdown(boolean immediate) {
        getters.checkThread(this, "shutdown()");
        shutdown = true;
        if (immediate) {
            while (itemCount() > 0) {
                removeItem();
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                Joiner j;
                while ((j = joiners.poll()) != null) {
                    j.wake();
                }
            }
        }
        Getter<T> g;
        while ((g = getters.poll()) != null) {
            g.wake(); // not reserved: it re-checks and fails unless an item is left
        }
        Putter<T> p;
        while ((p = putters.poll()) != null) {
            p.wake();
        }
    }

    private static QueueShutDownException shutDown(String op) {
        return new QueueShutDownException(op + ": the queue was shut down");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[size=" + itemCount() + ", maxSize=" + maxSize + ", getters="
                + getters.size() + ", putters=" + putters.size() + ", unfinished=" + unfinished
                + (shutdown ? ", shut down" : "") + "]";
    }

    // ------------------------------------------------------------------ waiters

    /**
     * What a getter and a putter share: their queue, whether a wake-up reserved an item or a slot for
     * them, and their reuse after a direct await. {@code R} is what the awaiting task receives.
     */
    abstract static class QueueWaiter<T, R> extends Waiter<R> {
        final AsyncQueue<T> q;
        boolean reserved;

        QueueWaiter(AsyncQueue<T> q, EventLoop loop) {
            super(loop);
            this.q = q;
        }

        final void wake() {
            succeed(null); // a getter's item is chosen when the task takes it (onTaken)
        }

        final boolean servesLoop(EventLoop l) {
            return isOn(l);
        }

        /**
         * {@code Await.on(q.get())} or {@code Await.on(q.put(x))}: this waiter was made (or taken from
         * the spare slot) by that very call on this queue and went straight into the await, so nobody
         * else holds it: once the task has taken its outcome, it can serve this queue's next wait.
         */
        @Override
        protected final void awaitedDirectly(Object receiver) {
            if (receiver == q && q.reusesWaiters && !reserved && isQueued()) {
                recycleWhenTaken();
            }
        }

        @Override
        protected final void recycled() {
            reserved = false;
            keep();
        }

        /** Puts this waiter, reset to pending, in its queue's spare slot. */
        abstract void keep();
    }

    static final class Getter<T> extends QueueWaiter<T, T> {
        Getter(AsyncQueue<T> q, EventLoop loop) {
            super(q, loop);
        }

        @Override
        void keep() {
            q.spareGetter = this;
        }

        void take(T item) {
            replaceResult(item);
        }

        void refuse(Throwable e) {
            replaceFailure(e);
        }

        @Override
        protected void onTaken(boolean dropped) {
            q.getterTaken(this, dropped);
        }

        @Override
        public String name() {
            return "AsyncQueue.get";
        }
    }

    static final class Putter<T> extends QueueWaiter<T, Void> {
        private T item;

        Putter(AsyncQueue<T> q, T item, EventLoop loop) {
            super(q, loop);
            this.item = item;
        }

        @Override
        void keep() {
            item = null;
            q.sparePutter = this;
        }

        T takeItem() {
            T i = item;
            item = null;
            return i;
        }

        void refuse(Throwable e) {
            item = null;
            replaceFailure(e);
        }

        @Override
        protected void onTaken(boolean dropped) {
            q.putterTaken(this, dropped);
            item = null;
        }

        @Override
        public String name() {
            return "AsyncQueue.put";
        }
    }

    static final class Joiner extends Waiter<Void> {
        Joiner(EventLoop loop) {
            super(loop);
        }

        void wake() {
            succeed(null);
        }

        @Override
        public String name() {
            return "AsyncQueue.join";
        }
    }
}

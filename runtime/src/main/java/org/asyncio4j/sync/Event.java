package org.asyncio4j.sync;

import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.WaitQueue;
import org.asyncio4j.Waiter;

/**
 * asyncio's {@code Event}: {@link #set()} wakes every waiter (a later {@link #clear()} does not take
 * the wake-up back), and {@link #await()} completes at once while the flag is set.
 */
public final class Event {
    private final WaitQueue<EventWaiter> waiters = new WaitQueue<>();
    private boolean set;

    /** An event whose flag is clear. */
    public Event() {}

    /**
     * Whether the flag is set.
     * @return true between {@link #set()} and {@link #clear()}
     */
    public boolean isSet() {
        return set;
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        waiters.checkThread(this, "set()");
        if (!set) {
            set = true;
            EventWaiter w;
            while ((w = waiters.poll()) != null) {
                w.wake();
            }
        }
    }

    /** Clears the flag; later {@link #await()} calls wait for the next {@link #set()}. */
    public void clear() {
        waiters.checkThread(this, "clear()");
        set = false;
    }

    /**
     * Completes once the flag is set (at once if it is).
     * @return a task that completes when the flag is set
     */
    public Task<Void> await() {
        waiters.checkThread(this, "await()");
        if (set) {
            return Task.completed();
        }
        EventWaiter w = new EventWaiter(waiters.loop(this));
        waiters.add(w);
        return w;
    }

    /**
     * Tasks waiting for the flag.
     * @return the number of tasks waiting in {@link #await()}
     */
    public int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "unset") + ", waiters=" + waiters.size() + "]";
    }

    private static final class EventWaiter extends Waiter<Void> {
        EventWaiter(EventLoop loop) {
            super(loop);
        }

        void wake() {
            succeed(null);
        }

        @Override
        public String name() {
            return "Event.await";
        }
    }
}

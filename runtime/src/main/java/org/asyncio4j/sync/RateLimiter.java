package org.asyncio4j.sync;

import java.time.Duration;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;
import org.asyncio4j.WaitQueue;
import org.asyncio4j.Waiter;

/**
 * At most {@code permits} acquisitions in any window of {@code period} (a sliding-window log, the
 * thing tutorials build by hand with a semaphore and sleeps). Fair (FIFO: a newcomer never overtakes
 * a waiter), cancellation-safe (a cancelled waiter takes no slot; a waiter woken and then cancelled
 * passes its slot to the next one) and without busy-waiting: one timer, armed only while someone
 * waits, fires when the oldest acquisition leaves the window.
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1));
 * try (var permit = Await.on(limiter.acquire())) { ... }   // closing it does nothing: slots expire with time
 * }</pre>
 */
public final class RateLimiter {
    private final int permits;
    private final long periodNanos;
    /** Loop times of the last {@code permits} acquisitions, oldest at {@code head}. */
    private final long[] stamps;
    private int head;
    private int count;
    private final WaitQueue<LimitWaiter> waiters = new WaitQueue<>();
    private TimerHandle timer;

    /**
     * A limiter allowing at most {@code permits} acquisitions in any window of length {@code period}.
     * @param permits the acquisitions allowed per window; at least 1
     * @param period the window's length; positive
     * @throws IllegalArgumentException if {@code permits} is less than 1 or {@code period} is not positive
     */
    public RateLimiter(int permits, Duration period) {
        if (permits < 1) {
            throw new IllegalArgumentException("RateLimiter permits must be >= 1, got " + permits);
        }
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("RateLimiter period must be positive, got " + period);
        }
        this.permits = permits;
        this.periodNanos = period.toNanos();
        this.stamps = new long[permits];
    }

    /**
     * Waits for a slot in the window; completes at once when one is free and nobody waits.
     * @return a task completing with the slot once the window has room; the slot counts until it ages out of the
     *     window, closing the {@link Held} changes nothing
     */
    public Task<Held> acquire() {
        if (waiters.isEmpty()) {
            EventLoop loop = EventLoop.current();
            long now = loop.time();
            if (slotFree(now)) {
                record(now);
                return new LimitWaiter(this);
            }
        }
        LimitWaiter w = new LimitWaiter(this, waiters.loop(this));
        waiters.add(w);
        armTimer();
        return w;
    }

    /**
     * Acquisitions still inside the window ending now.
     * @return the number of acquisitions in the last {@link #period()} of loop time
     */
    public int used() {
        long now = EventLoop.current().time();
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (stamps[(head + i) % permits] + periodNanos > now) {
                n++;
            }
        }
        return n;
    }

    /**
     * The acquisitions allowed per window.
     * @return the {@code permits} given to the constructor
     */
    public int permits() {
        return permits;
    }

    /**
     * The window's length.
     * @return the {@code period} given to the constructor
     */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /**
     * Tasks waiting for a slot.
     * @return the number of tasks waiting for a slot
     */
    public int waiting() {
        return waiters.size();
    }

    boolean timerArmedForTest() {
        return timer != null;
    }

    private boolean slotFree(long now) {
        return count < permits || stamps[head] + periodNanos <= now;
    }

    private void record(long now) {
        if (count < permits) {
            stamps[(head + count) % permits] = now;
            count++;
        } else {
            stamps[head] = now; // the oldest left the window: reuse its place
            head = (head + 1) % permits;
        }
    }

    private void armTimer() {
        if (timer == null && !waiters.isEmpty()) {
            EventLoop loop = waiters.loop(this);
            timer = loop.callAt(stamps[head] + periodNanos, this::onTimer);
        }
    }

    private void onTimer() {
        timer = null;
        long now = waiters.loop(this).time();
        LimitWaiter w;
        while (slotFree(now) && (w = waiters.poll()) != null) {
            record(now);
            w.wake();
        }
        armTimer();
    }

    void cancelled() {
        if (waiters.isEmpty() && timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** A woken waiter whose task was cancelled before it ran: its slot goes to the next waiter. */
    void dropped() {
        LimitWaiter next = waiters.poll();
        if (next != null) {
            next.wake();
            if (waiters.isEmpty() && timer != null) {
                timer.cancel();
                timer = null;
            }
        }
        // else the slot stays used until it leaves the window: never more than `permits` per period
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permits + " per " + Duration.ofNanos(periodNanos) + ", waiters=" + waiters.size() + "]";
    }

    private static final class LimitWaiter extends Waiter<Held> implements Held {
        private final RateLimiter limiter;

        LimitWaiter(RateLimiter limiter, EventLoop loop) {
            super(loop);
            this.limiter = limiter;
        }

        LimitWaiter(RateLimiter limiter) {
            super(null);
            this.limiter = limiter;
            succeedAtOnce(this);
        }

        void wake() {
            succeed(this);
        }

        @Override
        protected boolean onCancel(String msg) {
            cancelNow(msg);
            limiter.cancelled();
            return true;
        }

        @Override
        protected void onTaken(boolean dropped) {
            if (dropped) {
                limiter.dropped();
            }
        }

        @Override
        public void close() {
            // nothing to give back: an acquisition leaves the window with time
        }

        @Override
        public String name() {
            return "RateLimiter.acquire";
        }
    }
}

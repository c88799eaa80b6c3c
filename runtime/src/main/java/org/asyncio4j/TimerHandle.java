package org.asyncio4j;

/** A callback scheduled at a loop time ({@code callLater}/{@code callAt}); asyncio's {@code TimerHandle}. */
public final class TimerHandle extends Handle {
    private final long when;
    private final EventLoop loop;

    TimerHandle(EventLoop loop, long when, Runnable callback) {
        super(callback);
        this.loop = loop;
        this.when = when;
    }

    /**
     * The loop time (nanoseconds) at which the callback is due.
     * @return the due time, in loop nanoseconds as {@link EventLoop#time()}
     */
    public long when() {
        return when;
    }

    /** Prevents the callback from running. Loop thread only (IllegalStateException from another thread). */
    @Override
    public void cancel() {
        loop.checkThread("TimerHandle.cancel()"); // the heap's count of cancelled entries is the loop's
        if (!cancelled) {
            cancelled = true;
            loop.timerCancelled();
        }
    }
}

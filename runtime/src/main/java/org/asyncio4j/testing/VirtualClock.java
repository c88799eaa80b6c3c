package org.asyncio4j.testing;

import org.asyncio4j.Clock;

/**
 * A clock whose time stands still while callbacks are ready and jumps straight to the next timer
 * when the loop would otherwise wait (Trio's {@code MockClock(autojump_threshold=0)}). Tests of
 * timeouts take no wall time and assert exact loop times. Loop time starts at 0.
 *
 * <p>The loop still waits for real when nothing is scheduled at all but work is outstanding on
 * other threads ({@code toThread}, sockets), so those complete normally.
 */
public final class VirtualClock implements Clock {
    private long now;

    /** A virtual clock starting at loop time 0. */
    public VirtualClock() {
        this(0);
    }

    /**
     * A virtual clock starting at {@code startNanos}.
     * @param startNanos the loop time to start at, in nanoseconds
     */
    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[t=" + now + "ns]";
    }
}

package org.asyncio4j;

/**
 * The time source of an event loop, in nanoseconds. {@link #system()} is the default; tests use
 * {@code org.asyncio4j.testing.VirtualClock}, whose time jumps to the next timer whenever the loop
 * has nothing ready.
 */
public interface Clock {
    /**
     * The current time in nanoseconds; only differences are meaningful.
     * @return the current time in nanoseconds
     */
    long nanoTime();

    /**
     * True for a clock the loop may advance itself: when nothing is ready and no I/O is pending,
     * the loop calls {@link #advanceTo(long)} instead of waiting.
     * @return true for a virtual clock, false (the default) for a real one
     */
    default boolean isVirtual() {
        return false;
    }

    /**
     * Moves a virtual clock forward to {@code nanos}; real clocks do not support it.
     * @param nanos the new current time, in nanoseconds; not before the current one
     * @throws UnsupportedOperationException for a real clock (the default)
     */
    default void advanceTo(long nanos) {
        throw new UnsupportedOperationException(getClass().getName() + " is not a virtual clock");
    }

    /**
     * The monotonic system clock ({@link System#nanoTime()}).
     * @return the shared system clock
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}

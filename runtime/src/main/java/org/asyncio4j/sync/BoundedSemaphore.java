package org.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than acquired: a release that would
 * raise the value above the initial permits throws {@link IllegalStateException} (asyncio raises
 * {@code ValueError}).
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /**
     * A bounded semaphore with {@code permits} free permits, which is also its bound.
     * @param permits the initial and maximum number of permits; zero or more
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public BoundedSemaphore(int permits) {
        super(permits);
        this.bound = permits;
    }

    @Override
    public void release() {
        checkThread("release()");
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times: its value is already "
                    + value() + ", the number of permits it was created with; release only what you acquired");
        }
        super.release();
    }

    /**
     * The number of permits it was created with.
     * @return the bound, as given to the constructor
     */
    public int bound() {
        return bound;
    }
}

package org.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than acquired: a release that would
 * raise the value above the initial permits throws {@link IllegalStateException} (asyncio raises
 * {@code ValueError}).
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

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

    /** The number of permits it was created with. */
    public int bound() {
        return bound;
    }
}

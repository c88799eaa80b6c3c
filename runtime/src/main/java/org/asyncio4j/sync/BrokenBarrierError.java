package org.asyncio4j.sync;

/** A {@link Barrier} was aborted or reset while, or before, the task waited on it. */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A broken-barrier error saying why.
     * @param message why the barrier is broken (aborted, or reset while waiting)
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}

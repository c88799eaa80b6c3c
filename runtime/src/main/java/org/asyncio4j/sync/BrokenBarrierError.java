package org.asyncio4j.sync;

/** A {@link Barrier} was aborted or reset while, or before, the task waited on it. */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError(String message) {
        super(message);
    }
}

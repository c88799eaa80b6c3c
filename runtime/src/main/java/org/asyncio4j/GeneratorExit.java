package org.asyncio4j;

/**
 * Thrown into an async generator at its {@code Await.yield} when its consumer closes it early (a
 * {@code break}, {@code return} or exception in the consumer's {@code for (x : Await.each(...))}), so
 * that the generator's {@code finally} blocks and resource exits run: Python's {@code GeneratorExit}.
 * An {@link Error}, so {@code catch (Exception e)} in the generator does not swallow it; a generator
 * that catches it anyway must not yield again (the close then fails with {@link IllegalStateException}).
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** The runtime throws it at the generator's yield; tests and hand-written iterators may too. */
    public GeneratorExit() {
        super("the consumer closed this async generator", null, false, false);
    }
}

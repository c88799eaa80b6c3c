package org.asyncio4j;

/**
 * An async context manager ({@code __aexit__}). In an {@code @Async} method's try-with-resources the
 * processor exits it with {@code Await.on(resource.closeAsync(pending))}, where {@code pending} is
 * the exception leaving the block or null. If the returned task fails, its exception replaces the
 * pending one; if it succeeds while {@code pending} was non-null, the pending exception propagates.
 */
public interface AsyncCloseable extends AutoCloseable {

    /**
     * {@code __aexit__}: undoes what entering did (releases the lock, commits or rolls back, closes the connection).
     * @param pending the exception leaving the try block, or null when it completed normally; do not throw it here, it
     *     propagates on its own
     * @return a task that completes once the resource is released; its failure replaces {@code pending}
     */
    Task<Void> closeAsync(Throwable pending);

    /**
     * Present so that the {@code @Async} blueprint's try-with-resources compiles; the generated code
     * never calls it. Calling it means the code did not go through the processor.
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getName()
                + " is an AsyncCloseable: it must be used in try-with-resources inside an @Async method"
                + " (the generated code awaits closeAsync), or closed with Await.on(x.closeAsync(null)).");
    }
}

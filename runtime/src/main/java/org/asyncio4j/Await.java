package org.asyncio4j;

import java.util.concurrent.CompletionStage;

/**
 * {@code await}. Calls to these methods are rewritten by the asyncio4j annotation processor inside
 * {@code @Async} methods; they never run. Reaching one at run time means the blueprint class was
 * used instead of the generated {@code AsyncFoo} (or the processor did not run).
 */
public final class Await {
    private Await() {}

    /**
     * {@code await task}: its result, or its failure thrown unchanged (checked ones too).
     * @param <T> the task's result type
     * @param task the task to wait for; not null
     * @return the task's result
     */
    public static <T> T on(Task<T> task) {
        throw notRewritten();
    }

    /**
     * {@code await asyncio.wrap_future(stage)}: the stage's value, or its failure unwrapped from
     * {@link java.util.concurrent.CompletionException}. Cancelling the awaiting task cancels the
     * stage's future; a stage cancelled at its source raises {@link CancelledError}.
     * @param <T> the stage's value type
     * @param stage any {@link CompletionStage} (a {@link java.util.concurrent.CompletableFuture}, a driver's future);
     *     not null
     * @return the stage's value
     */
    public static <T> T on(CompletionStage<T> stage) {
        throw notRewritten();
    }

    /**
     * As {@link #on(Task)}, declaring the checked exception {@code declared} so that the
     * blueprint's {@code catch (X e)} compiles; nothing is checked at run time.
     * @param <T> the task's result type
     * @param <X> the checked exception type made throwable here
     * @param task the task to wait for; not null
     * @param declared the class of the checked exception the task may fail with, e.g. {@code IOException.class}
     * @return the task's result
     * @throws X when the task fails with it (any other failure is thrown as well, unchecked)
     */
    public static <T, X extends Throwable> T on(Task<T> task, Class<X> declared) throws X {
        throw notRewritten();
    }

    /**
     * As {@link #on(CompletionStage)}, declaring the checked exception {@code declared}: e.g.
     * {@code Await.on(http.sendAsync(req, ofString()), IOException.class)} inside
     * {@code try { ... } catch (IOException e)}. Nothing is checked at run time.
     * @param <T> the stage's value type
     * @param <X> the checked exception type made throwable here
     * @param stage any {@link CompletionStage}; not null
     * @param declared the class of the checked exception the stage may fail with, e.g. {@code IOException.class}
     * @return the stage's value
     * @throws X when the stage fails with it (any other failure is thrown as well, unchecked)
     */
    public static <T, X extends Throwable> T on(CompletionStage<T> stage, Class<X> declared) throws X {
        throw notRewritten();
    }

    /**
     * {@code async for}: {@code for (T x : Await.each(source))} in an {@code @Async} body awaits each
     * element of {@code source} in turn; leaving the loop early (break, return, an exception,
     * cancellation) closes the iterator and awaits its {@link AsyncIterator#closeAsync}. Only
     * meaningful as the header of an enhanced {@code for} that the processor rewrites.
     * @param <T> the element type
     * @param source what to iterate asynchronously; not null
     * @return an iterable only the processor's rewrite uses; iterating it outside an {@code @Async} body throws
     */
    public static <T> Iterable<T> each(AsyncIterable<T> source) {
        throw notRewritten("Await.each(...)");
    }

    /**
     * Emits {@code value} from an async generator (an {@code @Async} method returning
     * {@code AsyncIterable<T>}) and suspends until the consumer asks for the next element.
     * @param <T> the generator's element type
     * @param value the element to hand to the consumer; may be null
     */
    public static <T> void yield(T value) {
        throw notRewritten("Await.yield(...)");
    }

    private static IllegalStateException notRewritten() {
        return notRewritten("Await.on(...)");
    }

    private static IllegalStateException notRewritten(String what) {
        return new IllegalStateException(what + " was called directly. It only works inside an @Async method"
                + " compiled by the asyncio4j processor: call the generated class (new AsyncFoo(...) or"
                + " AsyncFoo.method(...)) instead of the blueprint Foo, and make sure asyncio4j-processor is on"
                + " the compiler's annotationProcessorPaths (JDK 23+ no longer runs processors from the class path).");
    }
}

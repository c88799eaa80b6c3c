package org.asyncio4j;

/** A task that is done from birth ({@code Task.completed}, {@code Task.failed}); needs no loop. */
final class Completed<T> extends FutureBase<T> {
    static final Completed<Void> VOID = new Completed<>(null);

    Completed(T value) {
        super(null);
        this.outcome = value;
    }

    private Completed() {
        super(null);
    }

    static <T> Completed<T> failed(Throwable error) {
        Completed<T> c = new Completed<>();
        c.outcome = new Failure(error);
        if (error instanceof CancelledError) {
            c.flags |= CANCELLED;
        }
        // No "never retrieved" report: the caller made this failure on purpose and holds it.
        return c;
    }

    @Override
    public String name() {
        return "completed";
    }
}

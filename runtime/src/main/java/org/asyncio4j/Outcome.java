package org.asyncio4j;

/** One slot of {@code gatherSettled}: a value or a failure (asyncio's {@code return_exceptions=True}). */
public final class Outcome<T> {
    private final T value;
    private final Throwable failure;

    private Outcome(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    public static <T> Outcome<T> success(T value) {
        return new Outcome<>(value, null);
    }

    public static <T> Outcome<T> failure(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("Outcome.failure(null)");
        }
        return new Outcome<>(null, failure);
    }

    public boolean isSuccess() {
        return failure == null;
    }

    /** The value; {@link IllegalStateException} (with the failure as cause) if this is a failure. */
    public T value() {
        if (failure != null) {
            throw new IllegalStateException("this outcome is a failure, not a value: " + failure, failure);
        }
        return value;
    }

    /** The failure (a {@link CancelledError} for a cancelled task), or null on success. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return failure == null ? "Success[" + value + "]" : "Failure[" + failure + "]";
    }
}

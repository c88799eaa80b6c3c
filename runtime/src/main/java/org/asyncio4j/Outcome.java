package org.asyncio4j;

/**
 * One slot of {@code gatherSettled}: a value or a failure (asyncio's {@code return_exceptions=True}).
 * @param <T> the type of the value
 */
public final class Outcome<T> {
    private final T value;
    private final Throwable failure;

    private Outcome(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    /**
     * A successful outcome.
     * @param <T> the value's type
     * @param value the value; may be null
     * @return an outcome whose {@link #value()} is {@code value}
     */
    public static <T> Outcome<T> success(T value) {
        return new Outcome<>(value, null);
    }

    /**
     * A failed outcome.
     * @param <T> the value type the slot would have had
     * @param failure the failure; not null
     * @return an outcome whose {@link #failure()} is {@code failure}
     * @throws NullPointerException if {@code failure} is null
     */
    public static <T> Outcome<T> failure(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("Outcome.failure(null)");
        }
        return new Outcome<>(null, failure);
    }

    /**
     * Whether this outcome holds a value rather than a failure.
     * @return true for a success
     */
    public boolean isSuccess() {
        return failure == null;
    }

    /**
     * The value; {@link IllegalStateException} (with the failure as cause) if this is a failure.
     * @return the value, possibly null
     */
    public T value() {
        if (failure != null) {
            throw new IllegalStateException("this outcome is a failure, not a value: " + failure, failure);
        }
        return value;
    }

    /**
     * The failure (a {@link CancelledError} for a cancelled task), or null on success.
     * @return the failure, or null
     */
    public Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return failure == null ? "Success[" + value + "]" : "Failure[" + failure + "]";
    }
}

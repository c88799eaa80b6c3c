package org.asyncio4j.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;

/**
 * Retries an async operation with exponential backoff: attempt, and on a retryable failure sleep
 * {@code base * multiplier^n} (n = 0, 1, ...; capped by {@link #maxDelay}, optionally jittered) and
 * try again, up to {@code attempts} attempts in all; the last failure propagates unchanged.
 * A {@link CancelledError} is never retried: cancelling the retry stops it at once, during an
 * attempt or a backoff sleep. Immutable; the {@code with}-style methods return a changed copy.
 * <pre>{@code
 * String body = Await.on(Retry.withBackoff(5, Duration.ofMillis(200)).run(this::fragileCall));
 * }</pre>
 */
public final class Retry {
    private final int attempts;
    private final long baseNanos;
    private final double multiplier;
    private final long maxDelayNanos;
    private final double jitter;
    private final RandomGenerator random;
    private final Predicate<? super Throwable> retryIf;

    private Retry(int attempts, long baseNanos, double multiplier, long maxDelayNanos, double jitter,
            RandomGenerator random, Predicate<? super Throwable> retryIf) {
        this.attempts = attempts;
        this.baseNanos = baseNanos;
        this.multiplier = multiplier;
        this.maxDelayNanos = maxDelayNanos;
        this.jitter = jitter;
        this.random = random;
        this.retryIf = retryIf;
    }

    /**
     * Up to {@code attempts} attempts, sleeping {@code base}, {@code 2*base}, {@code 4*base}, ... between
     * them; by default every {@link Exception} is retried (not {@code Error}s, so not cancellation).
     * @param attempts the number of attempts in all, at least 1 (1 means no retry)
     * @param base the delay after the first failure; zero or more
     * @return the policy; refine it with the methods below, each returning a new one
     * @throws IllegalArgumentException if {@code attempts} is less than 1 or {@code base} is negative
     */
    public static Retry withBackoff(int attempts, Duration base) {
        if (attempts < 1) {
            throw new IllegalArgumentException("Retry attempts must be >= 1, got " + attempts);
        }
        Objects.requireNonNull(base, "base");
        if (base.isNegative()) {
            throw new IllegalArgumentException("Retry base delay must not be negative, got " + base);
        }
        return new Retry(attempts, base.toNanos(), 2.0, Long.MAX_VALUE, 0, null, e -> e instanceof Exception);
    }

    /**
     * The factor each delay grows by (default 2; 1 gives a constant delay).
     * @param factor at least 1 and finite
     * @return a copy of this policy with that factor
     * @throws IllegalArgumentException if {@code factor} is less than 1, infinite or NaN
     */
    public Retry multiplier(double factor) {
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Retry multiplier must be a finite number >= 1, got " + factor);
        }
        return new Retry(attempts, baseNanos, factor, maxDelayNanos, jitter, random, retryIf);
    }

    /**
     * No delay is longer than {@code max} (before jitter).
     * @param max the longest delay; zero or more
     * @return a copy of this policy with that cap
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public Retry maxDelay(Duration max) {
        Objects.requireNonNull(max, "max");
        if (max.isNegative()) {
            throw new IllegalArgumentException("Retry maxDelay must not be negative, got " + max);
        }
        return new Retry(attempts, baseNanos, multiplier, max.toNanos(), jitter, random, retryIf);
    }

    /**
     * Spreads each delay at random over {@code [d * (1 - fraction), d * (1 + fraction)]} so that many
     * clients do not retry in lockstep; {@code fraction} in [0, 1].
     * @param fraction how far a delay may stray, as a fraction of it; 0 (the default) for no jitter
     * @return a copy of this policy with that jitter
     * @throws IllegalArgumentException if {@code fraction} is outside [0, 1]
     */
    public Retry jitter(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Retry jitter must be within [0, 1], got " + fraction);
        }
        return new Retry(attempts, baseNanos, multiplier, maxDelayNanos, fraction, random, retryIf);
    }

    /**
     * The random source for jitter (default: a new {@code SplittableRandom} per run); seed it for tests.
     * @param source the generator each run draws its jitter from; not null. Shared by every run of this policy
     * @return a copy of this policy with that source
     */
    public Retry random(RandomGenerator source) {
        return new Retry(attempts, baseNanos, multiplier, maxDelayNanos, jitter, Objects.requireNonNull(source, "source"), retryIf);
    }

    /**
     * Which failures are retried (default: any {@link Exception}). {@link CancelledError} never is.
     * @param predicate true for a failure worth another attempt; not null
     * @return a copy of this policy with that predicate
     */
    public Retry retryIf(Predicate<? super Throwable> predicate) {
        return new Retry(attempts, baseNanos, multiplier, maxDelayNanos, jitter, random, Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * The maximum number of attempts, the first one included.
     * @return the number given to {@link #withBackoff}
     */
    public int attempts() {
        return attempts;
    }

    /**
     * The delay before retry number {@code n + 1} (n = 0 after the first failure), without jitter, in nanoseconds.
     * @param n how many retries came before (0 for the first retry)
     * @return the delay in nanoseconds, capped by {@link #maxDelay}
     */
    public long delayNanos(int n) {
        double d = baseNanos * Math.pow(multiplier, n);
        return (long) Math.min(d, (double) maxDelayNanos);
    }

    /**
     * Runs {@code action} (which starts one attempt and returns its task) until it succeeds, a failure
     * is not retryable, or the attempts are used up. Starts the first attempt at once.
     * @param <T> the action's result type
     * @param action starts one attempt each time it is called and returns its task; not null
     * @return a task completing with the first successful attempt's result, or failing with the last attempt's failure;
     *     cancelling it cancels the running attempt or the sleep
     */
    public <T> Task<T> run(Supplier<? extends Task<T>> action) {
        Objects.requireNonNull(action, "action");
        return new Run<>(this, action).begin();
    }

    boolean retryable(Throwable e) {
        return !(e instanceof CancelledError) && retryIf.test(e);
    }

    long jittered(long d, RandomGenerator r) {
        if (jitter == 0 || d == 0) {
            return d;
        }
        double f = 1 + jitter * (2 * r.nextDouble() - 1);
        return Math.max(0, Math.round(d * f));
    }

    @Override
    public String toString() {
        return "Retry[attempts=" + attempts + ", base=" + Duration.ofNanos(baseNanos) + ", x" + multiplier
                + (jitter > 0 ? ", jitter=" + jitter : "") + "]";
    }

    /** The retry loop as a hand-written machine (what {@code @Async} would generate). */
    private static final class Run<T> extends Coroutine<T> {
        private final Retry retry;
        private final Supplier<? extends Task<T>> action;
        private final RandomGenerator random;
        private int attempt;

        Run(Retry retry, Supplier<? extends Task<T>> action) {
            this.retry = retry;
            this.action = action;
            this.random = retry.random != null ? retry.random : new java.util.SplittableRandom();
        }

        Task<T> begin() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // the machine's states fall through, as generated code does
        protected void resume() throws Throwable {
            for (;;) {
                switch (state) {
                    case 0: {
                        Task<T> t;
                        try {
                            t = action.get();
                            if (t == null) {
                                throw new NullPointerException("the retried action returned null instead of a Task");
                            }
                        } catch (CancelledError e) {
                            throw e;
                        } catch (Throwable e) {
                            t = Task.failed(e); // a synchronous throw is a failed attempt too
                        }
                        if (await(t, 1)) {
                            return;
                        }
                    }
                    // fall through
                    case 1: {
                        T value;
                        try {
                            value = awaited();
                        } catch (Throwable e) {
                            if (attempt + 1 >= retry.attempts || !retry.retryable(e)) {
                                throw e;
                            }
                            long d = retry.jittered(retry.delayNanos(attempt), random);
                            attempt++;
                            if (await(Asyncio.sleep(Duration.ofNanos(d)), 2)) {
                                return;
                            }
                            state = 2;
                            continue;
                        }
                        returnValue(value);
                        return;
                    }
                    case 2:
                        awaited(); // a cancel during the backoff sleep propagates from here
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException("Retry: bad state " + state);
                }
            }
        }
    }
}

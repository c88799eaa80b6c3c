package org.asyncio4j;

import java.time.Duration;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;

/**
 * A hand-written machine built from steps, for tests that need many small coroutines. It is a
 * {@link Coroutine} driven exactly like a generated one: step {@code i} runs when the machine resumes
 * in state {@code i + 1} (state 0 runs step 0), and it first receives the outcome of the await that
 * led to it, already taken with {@link Coroutine#awaited()} (so a cancellation is delivered there).
 * A step returns {@link #await(Task)} (continue at the next step), {@link #jump(Task, int)} (at step
 * k), {@link #done(Object)}, {@link #ret(Task)}, or throws to fail the task.
 * <pre>{@code
 * S.start(r -> S.await(Asyncio.sleep(ms(100))),
 *         r -> { try { r.get(); } finally { log.add("finally"); } return S.done(42); });
 * }</pre>
 */
final class S<T> extends Coroutine<T> {
    @FunctionalInterface
    interface Step {
        Object run(R r) throws Throwable;
    }

    /** The outcome of the previous await: {@link #get()} returns the value or throws the failure. */
    static final class R {
        static final R NONE = new R(null, null);
        final Object value;
        final Throwable error;

        R(Object value, Throwable error) {
            this.value = value;
            this.error = error;
        }

        @SuppressWarnings("unchecked")
        <V> V get() throws Throwable {
            if (error != null) {
                throw error;
            }
            return (V) value;
        }
    }

    private record Aw(Task<?> task, int step) {}

    private record Done(Object value) {}

    private record Ret(Task<?> task) {}

    private final Step[] steps;

    private S(Step... steps) {
        this.steps = steps;
    }

    /** An {@code @Async} call: runs eagerly up to the first suspension. */
    static <T> Task<T> start(Step... steps) {
        return new S<T>(steps).start();
    }

    /** A named eager call. */
    static <T> Task<T> startNamed(String name, Step... steps) {
        S<T> s = new S<>(steps);
        s.setName(name);
        return s.start();
    }

    /** {@code createTask}: the first step runs on the next iteration. */
    static <T> Task<T> lazy(Step... steps) {
        return new S<T>(steps).startLazily();
    }

    static Object await(Task<?> t) {
        return new Aw(t, -1);
    }

    static Object jump(Task<?> t, int step) {
        return new Aw(t, step);
    }

    static Object done(Object v) {
        return new Done(v);
    }

    static Object done() {
        return new Done(null);
    }

    static Object ret(Task<?> t) {
        return new Ret(t);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void resume() throws Throwable {
        int step = state == 0 ? 0 : state - 1;
        R r = state == 0 ? R.NONE : capture();
        while (true) {
            Object o = steps[step].run(r);
            if (o instanceof Aw a) {
                int next = a.step < 0 ? step + 1 : a.step;
                if (this.await(a.task, next + 1)) {
                    return;
                }
                step = next;
                r = capture();
            } else if (o instanceof Ret rt) {
                returnTask((Task<T>) rt.task);
                return;
            } else if (o instanceof Done d) {
                returnValue((T) d.value);
                return;
            } else {
                throw new IllegalStateException("step " + step + " returned " + o + "; return S.await/done/ret");
            }
        }
    }

    private R capture() {
        try {
            return new R(awaited(), null);
        } catch (Throwable e) {
            return new R(null, e);
        }
    }

    // ------------------------------------------------------------------ helpers for tests

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    static long now() {
        return EventLoop.current().time();
    }

    /** Loop time for logs: whole milliseconds when exact, otherwise nanoseconds. */
    static String t() {
        long n = now();
        return n % 1_000_000 == 0 ? Long.toString(n / 1_000_000) : n + "ns";
    }

    static <T> T run(java.util.function.Supplier<? extends Task<T>> main) {
        return Asyncio.run(main, new VirtualClock());
    }

    static Task<Void> sleep(long millis) {
        return Asyncio.sleep(ms(millis));
    }

    /** A task: sleep {@code millis}, log, return {@code value}. */
    static <T> Task<T> after(long millis, T value, List<String> log) {
        return start(r -> await(sleep(millis)), r -> {
            r.get();
            if (log != null) {
                log.add(value + "@" + t());
            }
            return done(value);
        });
    }

    /** A task: sleep {@code millis}, then throw {@code e}. */
    static <T> Task<T> failAfter(long millis, Throwable e) {
        return start(r -> await(sleep(millis)), r -> {
            r.get();
            throw e;
        });
    }
}

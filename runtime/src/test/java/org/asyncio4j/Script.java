package org.asyncio4j;

/**
 * Test helper: a hand-written machine whose code between awaits is given as steps (what the
 * processor will generate from an {@code @Async} body). A step gets the outcome of the previous
 * await ({@link Res#value()} rethrows a failure, as {@code Await.on} does) and returns either a
 * {@link Task} to await next, or any other value to finish with.
 */
public final class Script extends Coroutine<Object> {
    @FunctionalInterface
    public interface Step {
        Object apply(Res prev) throws Throwable;
    }

    /** The outcome of the previous await. */
    public static final class Res {
        static final Res NONE = new Res(null, null);
        private final Object value;
        private final Throwable failure;

        Res(Object value, Throwable failure) {
            this.value = value;
            this.failure = failure;
        }

        /** The awaited value; rethrows the failure unchanged. */
        @SuppressWarnings("unchecked")
        public <V> V value() {
            if (failure != null) {
                throw Sneaky.<RuntimeException>sneak(failure);
            }
            return (V) value;
        }

        /** The failure, or null. */
        public Throwable failure() {
            return failure;
        }
    }

    private final Step[] steps;
    private int next;

    private Script(Step[] steps) {
        this.steps = steps;
    }

    /** Runs at once up to the first suspension (an @Async call). */
    public static Task<Object> go(Step... steps) {
        return new Script(steps).start();
    }

    /** Starts on the next iteration (Asyncio.createTask of a coroutine). */
    public static Task<Object> spawn(Step... steps) {
        return new Script(steps).startLazily();
    }

    public static Task<Object> spawn(String name, Step... steps) {
        Task<Object> t = spawn(steps);
        t.setName(name);
        return t;
    }

    @Override
    protected void resume() throws Throwable {
        Res prev = Res.NONE;
        if (state == 1) {
            prev = take();
        }
        for (;;) {
            if (next >= steps.length) {
                returnValue(null);
                return;
            }
            Object r = steps[next++].apply(prev);
            if (r instanceof Task<?> t) {
                if (await(t, 1)) {
                    return;
                }
                prev = take();
                continue;
            }
            returnValue(r);
            return;
        }
    }

    private Res take() {
        try {
            return new Res(awaited(), null);
        } catch (Throwable e) {
            return new Res(null, e);
        }
    }

    /** Loop time in milliseconds (exact on a VirtualClock for whole-ms timers). */
    public static double ms() {
        return EventLoop.current().time() / 1e6;
    }
}

package org.asyncio4j.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * Test helper: a straight-line async script as one hand-written machine. Each step gets the result of
 * the task the previous step returned and returns the next task to await (null: nothing to await).
 * The machine's state is the index of the step to run next, as the processor numbers awaits.
 */
final class Flow<T> extends Coroutine<T> {
    @FunctionalInterface
    interface Step {
        Task<?> apply(Object previous) throws Throwable;
    }

    static final boolean TRACE = Boolean.getBoolean("nettrace");
    private final Step[] steps;
    private Object prev;

    private Flow(Step[] steps) {
        this.steps = steps;
    }

    static <T> Task<T> run(Step... steps) {
        return new Flow<T>(steps).start();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void resume() throws Throwable {
        if (state > 0) {
            prev = awaited();
        }
        while (state < steps.length) {
            if (TRACE) {
                System.err.println("TRACE step " + state + " prev=" + (prev instanceof byte[] b ? new String(b) : prev));
            }
            Task<?> t = steps[state].apply(prev);
            if (t == null) {
                state++;
                continue;
            }
            if (await(t, state + 1)) return;
            prev = awaited();
        }
        returnValue((T) prev);
    }

    /** A task that never fails: done with {@code t}'s result, or with its failure (a CancelledError if cancelled). */
    static Task<Object> settle(Task<?> t) {
        Promise<Object> p = new Promise<>();
        t.addDoneCallback(d -> p.complete(outcome(d)));
        return p;
    }

    static Object outcome(Task<?> d) {
        if (d.isCancelled()) {
            return new CancelledError("cancelled");
        }
        Throwable e = d.exception();
        return e != null ? e : d.result();
    }

    /** Done when every task is done; fails with the first failure (in list order). */
    static Task<Void> all(List<? extends Task<?>> tasks) {
        Promise<Void> p = new Promise<>();
        int[] left = {tasks.size()};
        if (left[0] == 0) {
            p.complete(null);
        }
        for (Task<?> t : tasks) {
            t.addDoneCallback(d -> {
                if (--left[0] == 0) {
                    for (Task<?> x : tasks) {
                        Object o = outcome(x);
                        if (o instanceof Throwable th) {
                            p.fail(th);
                            return;
                        }
                    }
                    p.complete(null);
                }
            });
        }
        return p;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(Object b) {
        return new String((byte[]) b, StandardCharsets.UTF_8);
    }

    static <X> List<X> list() {
        return new ArrayList<>();
    }
}

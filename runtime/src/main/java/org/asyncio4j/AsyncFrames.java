package org.asyncio4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Makes stack traces lead to the user's code. A Java stack trace of an exception raised in an
 * {@code @Async} method shows the generated resume method and the event loop, not who awaited
 * whom. Each time the exception leaves a machine, its frame ({@code Foo.bar(Foo.java:42)}, the line
 * of the await it was suspended at) is inserted just above the runtime's frames, so the trace reads
 * like a synchronous call chain: thrower, then each awaiting {@code @Async} method in turn. The
 * exception object stays the same (identity is part of the contract).
 */
final class AsyncFrames {
    private AsyncFrames() {}

    /** Exceptions that already carry an async frame: only the first machine they leave threw them. */
    private static final Map<Throwable, Boolean> SEEN = Collections.synchronizedMap(new WeakHashMap<>());

    static void add(Throwable e, Coroutine<?> machine) {
        StackTraceElement f;
        try {
            f = firstLeave(e) ? machine.frameThrowing(e.getStackTrace(), firstRuntimeFrame(e.getStackTrace()))
                    : machine.frame();
        } catch (RuntimeException broken) {
            return;
        }
        add(e, f);
    }

    /**
     * True the first time {@code e} leaves a machine: then the Java frames above the runtime's are
     * that machine's own resume method (or code it called), which tell the exact line that threw.
     * Later machines only rethrow it at their await.
     */
    static boolean firstLeave(Throwable e) {
        return SEEN.put(e, Boolean.TRUE) == null;
    }

    static int firstRuntimeFrame(StackTraceElement[] trace) {
        int at = 0;
        while (at < trace.length && !isRuntimeFrame(trace[at])) {
            at++;
        }
        return at;
    }

    /** Inserts the async frame {@code f} (nothing if null) above the runtime's frames of {@code e}. */
    static void add(Throwable e, StackTraceElement f) {
        if (f == null) {
            return;
        }
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return; // stack traces disabled for this exception (writableStackTrace=false)
        }
        int at = firstRuntimeFrame(trace);
        StackTraceElement[] out = Arrays.copyOf(trace, trace.length + 1);
        System.arraycopy(trace, at, out, at + 1, trace.length - at);
        out[at] = f;
        e.setStackTrace(out);
    }

    /**
     * A frame of the runtime core that drives machines (Coroutine.step, EventLoop...): classes
     * directly in package org.asyncio4j. Not its sub-packages: user code may live there (the
     * processor-tests blueprints are in org.asyncio4j.it), and the inserted frames must stay below
     * the generated code's own frames, in awaiting order.
     */
    private static boolean isRuntimeFrame(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("org.asyncio4j.") && c.indexOf('.', "org.asyncio4j.".length()) < 0;
    }
}

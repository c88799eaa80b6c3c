package org.asyncio4j;

import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes stack traces lead to the user's code. A Java stack trace of an exception raised in an
 * {@code @Async} method shows the generated resume method and the event loop, not who awaited
 * whom. Each time the exception leaves a machine, its frame ({@code Foo.bar(Foo.java:42)}, the line
 * of the await it was suspended at) is inserted just below the previous one (the first: just above
 * the runtime's frames), so the trace reads like a synchronous call chain: thrower, then each
 * awaiting {@code @Async} method in turn. The exception object stays the same (identity is part of
 * the contract).
 *
 * <p>The engine's own frames between two frames of other code (the event loop between the last
 * async frame and the caller of {@code Asyncio.run}, {@code Coroutine.start} between eagerly started
 * machines) are removed as they are, the way the JDK hides lambda frames: of each such run only the
 * outermost frame is kept when it is a public entry point the code below called ({@code
 * Asyncio.run}, {@code EventLoop.runUntilComplete}). {@code -Dasyncio4j.fullTraces=true}, or debug
 * mode, keeps every frame.
 */
final class AsyncFrames {
    private AsyncFrames() {}

    /** {@code -Dasyncio4j.fullTraces=true}: keep the engine's frames in every trace. */
    static final boolean FULL_TRACES = Boolean.getBoolean("asyncio4j.fullTraces");

    /** The frame last inserted into each exception (NONE: it left a machine, nothing inserted yet). */
    private static final Map<Throwable, StackTraceElement> SEEN = Collections.synchronizedMap(new WeakHashMap<>());
    private static final StackTraceElement NONE = new StackTraceElement("-", "-", null, -1);
    /** Engine class name -> whether a frame of it is an entry point worth keeping (public, not Coroutine). */
    private static final Map<String, Boolean> ENTRY = new ConcurrentHashMap<>();

    static void add(Throwable e, Coroutine<?> machine) {
        StackTraceElement f;
        try {
            f = firstLeave(e) ? machine.frameThrowing(e.getStackTrace(), firstRuntimeFrame(e.getStackTrace()))
                    : machine.frame();
        } catch (RuntimeException broken) {
            return;
        }
        add(e, f, FULL_TRACES || machine.loop.debug != null);
    }

    /**
     * True the first time {@code e} leaves a machine: then the Java frames above the runtime's are
     * that machine's own resume method (or code it called), which tell the exact line that threw.
     * Later machines only rethrow it at their await.
     */
    static boolean firstLeave(Throwable e) {
        return SEEN.putIfAbsent(e, NONE) == null;
    }

    /**
     * Where the runtime's frames start below the code that threw: the first engine frame after the
     * first frame of other code (an exception made inside the engine starts with engine frames).
     */
    static int firstRuntimeFrame(StackTraceElement[] trace) {
        int at = 0;
        while (at < trace.length && isEngineFrame(trace[at])) {
            at++;
        }
        if (at == trace.length) {
            return 0;
        }
        while (at < trace.length && !isEngineFrame(trace[at])) {
            at++;
        }
        return at;
    }

    /** Inserts the async frame {@code f} (nothing if null) below the last one, trimming unless {@code full}. */
    static void add(Throwable e, StackTraceElement f, boolean full) {
        if (f == null) {
            return;
        }
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return; // stack traces disabled for this exception (writableStackTrace=false)
        }
        int at = insertionPoint(trace, SEEN.get(e));
        StackTraceElement[] out = new StackTraceElement[trace.length + 1];
        System.arraycopy(trace, 0, out, 0, at);
        out[at] = f;
        System.arraycopy(trace, at, out, at + 1, trace.length - at);
        e.setStackTrace(full ? out : trim(out));
        SEEN.put(e, f);
    }

    /** Just below the frame inserted last (found by identity: getStackTrace copies the array, not its elements). */
    private static int insertionPoint(StackTraceElement[] trace, StackTraceElement last) {
        if (last != null && last != NONE) {
            for (int i = 0; i < trace.length; i++) {
                if (trace[i] == last) {
                    return i + 1;
                }
            }
        }
        return firstRuntimeFrame(trace);
    }

    /**
     * {@code trace} without the engine frames that sit between two frames of other code, except the
     * outermost of each run when it is an entry point (see the class comment). The leading engine
     * frames (an exception the engine itself raised) and the trailing ones stay.
     */
    static StackTraceElement[] trim(StackTraceElement[] trace) {
        int n = trace.length;
        int first = 0;
        while (first < n && isEngineFrame(trace[first])) {
            first++;
        }
        int last = n - 1;
        while (last >= 0 && isEngineFrame(trace[last])) {
            last--;
        }
        if (first >= last) {
            return trace;
        }
        StackTraceElement[] out = null;
        int j = 0;
        for (int i = 0; i < n; i++) {
            StackTraceElement f = trace[i];
            boolean drop = i > first && i < last && isEngineFrame(f)
                    && !(!isEngineFrame(trace[i + 1]) && isEntryPoint(f.getClassName()));
            if (drop) {
                if (out == null) {
                    out = new StackTraceElement[n];
                    System.arraycopy(trace, 0, out, 0, i);
                    j = i;
                }
            } else if (out != null) {
                out[j++] = f;
            }
        }
        return out == null ? trace : java.util.Arrays.copyOf(out, j);
    }

    private static boolean isEntryPoint(String className) {
        return ENTRY.computeIfAbsent(className, AsyncFrames::entryPoint);
    }

    private static boolean entryPoint(String className) {
        if (className.endsWith(".Coroutine")) {
            return false; // the machines' base class: only generated code calls it
        }
        try {
            Class<?> c = Class.forName(className, false, AsyncFrames.class.getClassLoader());
            return Modifier.isPublic(c.getModifiers());
        } catch (ClassNotFoundException | LinkageError unknown) {
            return true; // keep what cannot be judged
        }
    }

    /**
     * A frame of the runtime core that drives machines (Coroutine.step, EventLoop...): classes
     * directly in package org.asyncio4j or org.asyncio4j.spi. Not the other sub-packages: user code
     * may live there (the processor-tests blueprints are in org.asyncio4j.it), and the inserted frames
     * must stay below the generated code's own frames, in awaiting order.
     */
    static boolean isEngineFrame(StackTraceElement f) {
        String c = f.getClassName();
        if (!c.startsWith("org.asyncio4j.")) {
            return false;
        }
        int from = "org.asyncio4j.".length();
        if (c.startsWith("spi.", from)) {
            from += "spi.".length();
        }
        return c.indexOf('.', from) < 0;
    }
}

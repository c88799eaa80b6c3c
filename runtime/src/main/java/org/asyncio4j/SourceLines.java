package org.asyncio4j;

/**
 * Maps a line of a generated file back to the user's source line, for stack traces that name the
 * line that threw. Each generated file ends with a line map per resume method: pairs of (generated
 * line, source line), in order, from the {@code // Foo.java:N} comment each statement carries; a
 * generated line maps to the source line of the nearest pair at or above it. Generated code only.
 */
public final class SourceLines {
    private SourceLines() {}

    /**
     * The source line of the topmost frame of {@code method} of {@code generatedClass} among
     * {@code trace[0..end)}, or -1 when it is not there.
     */
    public static int at(StackTraceElement[] trace, int end, String generatedClass, String method, int[] map) {
        for (int i = 0; i < end && i < trace.length; i++) {
            StackTraceElement f = trace[i];
            if (f.getMethodName().equals(method) && f.getClassName().equals(generatedClass)) {
                return lookup(map, f.getLineNumber());
            }
        }
        return -1;
    }

    static int lookup(int[] map, int generatedLine) {
        int found = -1;
        for (int i = 0; i + 1 < map.length && map[i] <= generatedLine; i += 2) {
            found = map[i + 1];
        }
        return found;
    }
}

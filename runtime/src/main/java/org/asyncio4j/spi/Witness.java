package org.asyncio4j.spi;

import org.asyncio4j.Task;

/**
 * Typed reads of values the generated code keeps in {@code Object} fields (awaited results and
 * operands saved across an await). The processor cannot know the types of sub-expressions (bodies
 * are not attributed while processors run), so it restates the original expression in a lambda
 * that is never called and lets javac infer the type:
 * {@code Witness.as(m.t1, () -> Await.on(fetch(url)))}. The primitive overloads keep primitive types
 * (so {@code list.remove(Witness.as(t, () -> i))} still calls {@code remove(int)}). Generated code only.
 */
public final class Witness {
    private Witness() {}

    /** Never called; only its static type matters. */
    @FunctionalInterface
    public interface Ref<T> {
        T get() throws Throwable;
    }

    @FunctionalInterface
    public interface IntRef {
        int get() throws Throwable;
    }

    @FunctionalInterface
    public interface LongRef {
        long get() throws Throwable;
    }

    @FunctionalInterface
    public interface DoubleRef {
        double get() throws Throwable;
    }

    @FunctionalInterface
    public interface FloatRef {
        float get() throws Throwable;
    }

    @FunctionalInterface
    public interface BooleanRef {
        boolean get() throws Throwable;
    }

    @FunctionalInterface
    public interface CharRef {
        char get() throws Throwable;
    }

    @FunctionalInterface
    public interface ShortRef {
        short get() throws Throwable;
    }

    @FunctionalInterface
    public interface ByteRef {
        byte get() throws Throwable;
    }

    /**
     * The typed result of an await. Generated code passes {@code false ? <the awaited task expression> : null}
     * as {@code witness}: javac infers {@code T} from the task's type, and the expression is never
     * evaluated (javac compiles only the live operand of a constant conditional). Cheaper than a
     * lambda witness at compile time (one candidate, no lambda) and at run time (no allocation).
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(Object value, Task<T> witness) {
        return (T) value;
    }

    /** As {@link #of(Object, Task)}, for an awaited {@link java.util.concurrent.CompletionStage}. */
    @SuppressWarnings("unchecked")
    public static <T> T of(Object value, java.util.concurrent.CompletionStage<T> witness) {
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    public static <T> T as(Object value, Ref<T> witness) {
        return (T) value;
    }

    public static int as(Object value, IntRef witness) {
        return (Integer) value;
    }

    public static long as(Object value, LongRef witness) {
        return (Long) value;
    }

    public static double as(Object value, DoubleRef witness) {
        return (Double) value;
    }

    public static float as(Object value, FloatRef witness) {
        return (Float) value;
    }

    public static boolean as(Object value, BooleanRef witness) {
        return (Boolean) value;
    }

    public static char as(Object value, CharRef witness) {
        return (Character) value;
    }

    public static short as(Object value, ShortRef witness) {
        return (Short) value;
    }

    public static byte as(Object value, ByteRef witness) {
        return (Byte) value;
    }
}

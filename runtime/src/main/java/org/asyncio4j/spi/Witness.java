package org.asyncio4j.spi;

import org.asyncio4j.Task;

/**
 * Typed reads of values the generated code keeps in {@code Object} fields (awaited results and
 * operands saved across an await). The processor cannot know the types of sub-expressions (bodies
 * are not attributed while processors run), so it restates the original expression in a lambda
 * that is never called and lets javac infer the type:
 * {@code Witness.as(m.t1, () -> Await.on(fetch(url)))}. The primitive overloads keep primitive types
 * (so {@code list.remove(Witness.as(t, () -> i))} still calls {@code remove(int)}). Generated code only:
 * where the source states a type (a local declared {@code Task<Integer>}, a spilled {@code String}), the
 * processor writes the type instead.
 */
public final class Witness {
    private Witness() {}

    /**
     * The restated expression of a reference type. Never called; only its static type matters.
     *
     * @param <T> the type javac infers for the restated expression
     */
    @FunctionalInterface
    public interface Ref<T> {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        T get() throws Throwable;
    }

    /** The restated expression of type {@code int}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface IntRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        int get() throws Throwable;
    }

    /** The restated expression of type {@code long}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface LongRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        long get() throws Throwable;
    }

    /** The restated expression of type {@code double}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface DoubleRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        double get() throws Throwable;
    }

    /** The restated expression of type {@code float}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface FloatRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        float get() throws Throwable;
    }

    /** The restated expression of type {@code boolean}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface BooleanRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        boolean get() throws Throwable;
    }

    /** The restated expression of type {@code char}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface CharRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        char get() throws Throwable;
    }

    /** The restated expression of type {@code short}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface ShortRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        short get() throws Throwable;
    }

    /** The restated expression of type {@code byte}. Never called; only its static type matters. */
    @FunctionalInterface
    public interface ByteRef {
        /**
         * The restated expression.
         *
         * @return its value (never computed)
         * @throws Throwable whatever the restated expression declares
         */
        byte get() throws Throwable;
    }

    /**
     * The typed result of an await. Generated code passes {@code false ? <the awaited task expression> : null}
     * as {@code witness}: javac infers {@code T} from the task's type, and the expression is never
     * evaluated (javac compiles only the live operand of a constant conditional). Cheaper than a
     * lambda witness at compile time (one candidate, no lambda) and at run time (no allocation).
     *
     * @param <T> the awaited task's result type
     * @param value the awaited result
     * @param witness the restated task expression, never evaluated (always null at run time)
     * @return {@code value} as a {@code T}
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(Object value, Task<T> witness) {
        return (T) value;
    }

    /**
     * As {@link #of(Object, Task)}, for an awaited {@link java.util.concurrent.CompletionStage}.
     *
     * @param <T> the awaited stage's result type
     * @param value the awaited result
     * @param witness the restated stage expression, never evaluated (always null at run time)
     * @return {@code value} as a {@code T}
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(Object value, java.util.concurrent.CompletionStage<T> witness) {
        return (T) value;
    }

    /**
     * A value saved in an {@code Object} field read back with the type of the expression that produced it.
     *
     * @param <T> the type javac infers for the restated expression
     * @param value the saved value
     * @param witness the restated expression (never called)
     * @return {@code value} as a {@code T}
     */
    @SuppressWarnings("unchecked")
    public static <T> T as(Object value, Ref<T> witness) {
        return (T) value;
    }

    /**
     * A saved {@code int} read back as a {@code int}, so that overloads taking {@code int} stay chosen.
     *
     * @param value the saved value, a {@code Integer}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static int as(Object value, IntRef witness) {
        return (Integer) value;
    }

    /**
     * A saved {@code long} read back as a {@code long}, so that overloads taking {@code long} stay chosen.
     *
     * @param value the saved value, a {@code Long}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static long as(Object value, LongRef witness) {
        return (Long) value;
    }

    /**
     * A saved {@code double} read back as a {@code double}, so that overloads taking {@code double} stay chosen.
     *
     * @param value the saved value, a {@code Double}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static double as(Object value, DoubleRef witness) {
        return (Double) value;
    }

    /**
     * A saved {@code float} read back as a {@code float}, so that overloads taking {@code float} stay chosen.
     *
     * @param value the saved value, a {@code Float}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static float as(Object value, FloatRef witness) {
        return (Float) value;
    }

    /**
     * A saved {@code boolean} read back as a {@code boolean}, so that overloads taking {@code boolean} stay chosen.
     *
     * @param value the saved value, a {@code Boolean}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static boolean as(Object value, BooleanRef witness) {
        return (Boolean) value;
    }

    /**
     * A saved {@code char} read back as a {@code char}, so that overloads taking {@code char} stay chosen.
     *
     * @param value the saved value, a {@code Character}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static char as(Object value, CharRef witness) {
        return (Character) value;
    }

    /**
     * A saved {@code short} read back as a {@code short}, so that overloads taking {@code short} stay chosen.
     *
     * @param value the saved value, a {@code Short}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static short as(Object value, ShortRef witness) {
        return (Short) value;
    }

    /**
     * A saved {@code byte} read back as a {@code byte}, so that overloads taking {@code byte} stay chosen.
     *
     * @param value the saved value, a {@code Byte}
     * @param witness the restated expression (never called)
     * @return {@code value} unboxed
     */
    public static byte as(Object value, ByteRef witness) {
        return (Byte) value;
    }
}

package org.asyncio4j.spi;

/**
 * Stores of pattern bindings, for generated code only. After an {@code instanceof} with a record pattern,
 * the generated code keeps each binding that lives across an await in a field of the machine:
 * {@code (o instanceof Point(int x$p, var y$p) && Patterns.stored(m.x = x$p) && Patterns.stored(m.y = y$p))}.
 * The bindings exist only inside that expression, so it stores them there, once the pattern matched; each
 * call is true and does nothing else. The overloads take every type without boxing ({@code int},
 * {@code char}... widen to {@code long}, {@code float} to {@code double}); a nested binding may be null.
 */
public final class Patterns {
    private Patterns() {}

    /**
     * A binding of a reference type was stored.
     *
     * @param value the value just stored (may be null)
     * @return true
     */
    public static boolean stored(Object value) {
        return true;
    }

    /**
     * A binding of an integral type or {@code char} was stored.
     *
     * @param value the value just stored
     * @return true
     */
    public static boolean stored(long value) {
        return true;
    }

    /**
     * A binding of type {@code double} or {@code float} was stored.
     *
     * @param value the value just stored
     * @return true
     */
    public static boolean stored(double value) {
        return true;
    }

    /**
     * A binding of type {@code boolean} was stored.
     *
     * @param value the value just stored
     * @return true
     */
    public static boolean stored(boolean value) {
        return true;
    }
}

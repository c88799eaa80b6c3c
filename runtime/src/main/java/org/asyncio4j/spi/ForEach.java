package org.asyncio4j.spi;

import org.asyncio4j.Task;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cursors for enhanced {@code for} loops that contain an await: the loop's iterator must live in a
 * field of the machine. Overloads pick arrays or Iterables by the static type of the expression, so
 * the processor needs no type information; primitive arrays are walked without boxing.
 * Generated code only.
 */
public final class ForEach {
    private ForEach() {}

    // Typed reads of a cursor kept in an Object field; 'witness' is a never-evaluated
    // 'false ? <iterable expression> : null' whose static type picks the overload.

    /**
     * The iterator of a loop over an {@link Iterable}, read back from its field.
     *
     * @param <E> the element type
     * @param cursor the iterator {@link #of(Iterable)} made
     * @param witness the restated iterable expression, never evaluated (null)
     * @return {@code cursor} with its element type
     */
    @SuppressWarnings("unchecked")
    public static <E> Iterator<E> cursor(Object cursor, Iterable<E> witness) {
        return (Iterator<E>) cursor;
    }

    /**
     * The cursor of a loop over an array of references, read back from its field.
     *
     * @param <E> the element type
     * @param cursor the cursor {@link #of(Object[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor} with its element type
     */
    @SuppressWarnings("unchecked")
    public static <E> Iterator<E> cursor(Object cursor, E[] witness) {
        return (Iterator<E>) cursor;
    }

    /**
     * The cursor of a loop over a {@code int[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(int[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static IntCursor cursor(Object cursor, int[] witness) {
        return (IntCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code long[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(long[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static LongCursor cursor(Object cursor, long[] witness) {
        return (LongCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code double[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(double[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static DoubleCursor cursor(Object cursor, double[] witness) {
        return (DoubleCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code float[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(float[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static FloatCursor cursor(Object cursor, float[] witness) {
        return (FloatCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code boolean[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(boolean[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static BooleanCursor cursor(Object cursor, boolean[] witness) {
        return (BooleanCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code char[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(char[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static CharCursor cursor(Object cursor, char[] witness) {
        return (CharCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code short[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(short[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static ShortCursor cursor(Object cursor, short[] witness) {
        return (ShortCursor) cursor;
    }

    /**
     * The cursor of a loop over a {@code byte[]}, read back from its field.
     *
     * @param cursor the cursor {@link #of(byte[])} made
     * @param witness the restated array expression, never evaluated (null)
     * @return {@code cursor}
     */
    public static ByteCursor cursor(Object cursor, byte[] witness) {
        return (ByteCursor) cursor;
    }

    // ---- for (T x : Await.each(source)): the iterator of an async source, kept in an Object field

    /**
     * Starts an {@code Await.each} loop: {@code source.iterator()}, or a message that says which part was null.
     *
     * @param <E> the element type
     * @param source the loop's async iterable
     * @return its iterator
     * @throws NullPointerException if {@code source} or its iterator is null
     */
    public static <E> AsyncIterator<E> async(AsyncIterable<E> source) {
        if (source == null) {
            throw new NullPointerException("for (... : Await.each(source)): the source is null");
        }
        AsyncIterator<E> it = source.iterator();
        if (it == null) {
            throw new NullPointerException("for (... : Await.each(source)): " + source.getClass().getName()
                    + ".iterator() returned null");
        }
        return it;
    }

    /**
     * The iterator of an {@code Await.each} loop, read back from its field.
     *
     * @param <E> the element type
     * @param cursor the iterator {@link #async} returned
     * @param witness the restated source expression, never evaluated (null)
     * @return {@code cursor} with its element type
     */
    @SuppressWarnings("unchecked")
    public static <E> AsyncIterator<E> asyncCursor(Object cursor, AsyncIterable<E> witness) {
        return (AsyncIterator<E>) cursor;
    }

    /**
     * The exit of an {@code Await.each} loop, however it leaves: {@code closeAsync(pending)} of its iterator.
     *
     * @param cursor the loop's iterator
     * @param pending the exception leaving the loop, or null for a normal exit, {@code break} or {@code return}
     * @return the close, which the loop awaits
     * @throws NullPointerException if the iterator's {@code closeAsync} returned null
     */
    public static Task<Void> closeAsync(Object cursor, Throwable pending) {
        Task<Void> t = ((AsyncIterator<?>) cursor).closeAsync(pending);
        if (t == null) {
            throw new NullPointerException(cursor.getClass().getName() + ".closeAsync returned null; return"
                    + " Task.completed() when there is nothing to release");
        }
        return t;
    }

    /**
     * Starts a loop over an {@link Iterable}.
     *
     * @param <E> the element type
     * @param iterable the loop's iterable
     * @return its iterator
     */
    public static <E> Iterator<E> of(Iterable<E> iterable) {
        return iterable.iterator();
    }

    /**
     * Starts a loop over an array of references.
     *
     * @param <E> the element type
     * @param array the loop's array
     * @return a cursor at its first element
     */
    public static <E> Iterator<E> of(E[] array) {
        return new ArrayCursor<>(array);
    }

    /**
     * Starts a loop over a {@code int[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static IntCursor of(int[] array) {
        return new IntCursor(array);
    }

    /**
     * Starts a loop over a {@code long[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static LongCursor of(long[] array) {
        return new LongCursor(array);
    }

    /**
     * Starts a loop over a {@code double[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static DoubleCursor of(double[] array) {
        return new DoubleCursor(array);
    }

    /**
     * Starts a loop over a {@code float[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static FloatCursor of(float[] array) {
        return new FloatCursor(array);
    }

    /**
     * Starts a loop over a {@code boolean[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static BooleanCursor of(boolean[] array) {
        return new BooleanCursor(array);
    }

    /**
     * Starts a loop over a {@code char[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static CharCursor of(char[] array) {
        return new CharCursor(array);
    }

    /**
     * Starts a loop over a {@code short[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static ShortCursor of(short[] array) {
        return new ShortCursor(array);
    }

    /**
     * Starts a loop over a {@code byte[]}, walked without boxing.
     *
     * @param array the loop's array (a null array throws, as Java's loop does)
     * @return a cursor at its first element
     */
    public static ByteCursor of(byte[] array) {
        return new ByteCursor(array);
    }

    abstract static class Cursor {
        final int length;
        int index;

        Cursor(int length) {
            this.length = length;
        }

        /**
         * Whether the loop has another element.
         *
         * @return true before the end of the array
         */
        public final boolean hasNext() {
            return index < length;
        }

        final int take() {
            if (index >= length) {
                throw new NoSuchElementException();
            }
            return index++;
        }
    }

    static final class ArrayCursor<E> implements Iterator<E> {
        private final E[] array;
        private int index;

        ArrayCursor(E[] array) {
            this.array = array;
        }

        @Override
        public boolean hasNext() {
            return index < array.length;
        }

        @Override
        public E next() {
            if (index >= array.length) {
                throw new NoSuchElementException();
            }
            return array[index++];
        }
    }

    /** A position in a {@code int[]}. */
    public static final class IntCursor extends Cursor {
        private final int[] a;

        IntCursor(int[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public int next() {
            return a[take()];
        }
    }

    /** A position in a {@code long[]}. */
    public static final class LongCursor extends Cursor {
        private final long[] a;

        LongCursor(long[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public long next() {
            return a[take()];
        }
    }

    /** A position in a {@code double[]}. */
    public static final class DoubleCursor extends Cursor {
        private final double[] a;

        DoubleCursor(double[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public double next() {
            return a[take()];
        }
    }

    /** A position in a {@code float[]}. */
    public static final class FloatCursor extends Cursor {
        private final float[] a;

        FloatCursor(float[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public float next() {
            return a[take()];
        }
    }

    /** A position in a {@code boolean[]}. */
    public static final class BooleanCursor extends Cursor {
        private final boolean[] a;

        BooleanCursor(boolean[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public boolean next() {
            return a[take()];
        }
    }

    /** A position in a {@code char[]}. */
    public static final class CharCursor extends Cursor {
        private final char[] a;

        CharCursor(char[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public char next() {
            return a[take()];
        }
    }

    /** A position in a {@code short[]}. */
    public static final class ShortCursor extends Cursor {
        private final short[] a;

        ShortCursor(short[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public short next() {
            return a[take()];
        }
    }

    /** A position in a {@code byte[]}. */
    public static final class ByteCursor extends Cursor {
        private final byte[] a;

        ByteCursor(byte[] a) {
            super(a.length);
            this.a = a;
        }

        /**
         * The next element.
         *
         * @return the element at the cursor, which then moves on
         * @throws NoSuchElementException past the end
         */
        public byte next() {
            return a[take()];
        }
    }
}

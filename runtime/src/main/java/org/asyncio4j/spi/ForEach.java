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

    @SuppressWarnings("unchecked")
    public static <E> Iterator<E> cursor(Object cursor, Iterable<E> witness) {
        return (Iterator<E>) cursor;
    }

    @SuppressWarnings("unchecked")
    public static <E> Iterator<E> cursor(Object cursor, E[] witness) {
        return (Iterator<E>) cursor;
    }

    public static IntCursor cursor(Object cursor, int[] witness) {
        return (IntCursor) cursor;
    }

    public static LongCursor cursor(Object cursor, long[] witness) {
        return (LongCursor) cursor;
    }

    public static DoubleCursor cursor(Object cursor, double[] witness) {
        return (DoubleCursor) cursor;
    }

    public static FloatCursor cursor(Object cursor, float[] witness) {
        return (FloatCursor) cursor;
    }

    public static BooleanCursor cursor(Object cursor, boolean[] witness) {
        return (BooleanCursor) cursor;
    }

    public static CharCursor cursor(Object cursor, char[] witness) {
        return (CharCursor) cursor;
    }

    public static ShortCursor cursor(Object cursor, short[] witness) {
        return (ShortCursor) cursor;
    }

    public static ByteCursor cursor(Object cursor, byte[] witness) {
        return (ByteCursor) cursor;
    }

    // ---- for (T x : Await.each(source)): the iterator of an async source, kept in an Object field

    /** {@code source.iterator()}, or a message that says which part was null. */
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

    @SuppressWarnings("unchecked")
    public static <E> AsyncIterator<E> asyncCursor(Object cursor, AsyncIterable<E> witness) {
        return (AsyncIterator<E>) cursor;
    }

    /** The exit of an Await.each loop: {@code closeAsync(pending)} of its iterator. */
    public static Task<Void> closeAsync(Object cursor, Throwable pending) {
        Task<Void> t = ((AsyncIterator<?>) cursor).closeAsync(pending);
        if (t == null) {
            throw new NullPointerException(cursor.getClass().getName() + ".closeAsync returned null; return"
                    + " Task.completed() when there is nothing to release");
        }
        return t;
    }

    public static <E> Iterator<E> of(Iterable<E> iterable) {
        return iterable.iterator();
    }

    public static <E> Iterator<E> of(E[] array) {
        return new ArrayCursor<>(array);
    }

    public static IntCursor of(int[] array) {
        return new IntCursor(array);
    }

    public static LongCursor of(long[] array) {
        return new LongCursor(array);
    }

    public static DoubleCursor of(double[] array) {
        return new DoubleCursor(array);
    }

    public static FloatCursor of(float[] array) {
        return new FloatCursor(array);
    }

    public static BooleanCursor of(boolean[] array) {
        return new BooleanCursor(array);
    }

    public static CharCursor of(char[] array) {
        return new CharCursor(array);
    }

    public static ShortCursor of(short[] array) {
        return new ShortCursor(array);
    }

    public static ByteCursor of(byte[] array) {
        return new ByteCursor(array);
    }

    abstract static class Cursor {
        final int length;
        int index;

        Cursor(int length) {
            this.length = length;
        }

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

    public static final class IntCursor extends Cursor {
        private final int[] a;

        IntCursor(int[] a) {
            super(a.length);
            this.a = a;
        }

        public int next() {
            return a[take()];
        }
    }

    public static final class LongCursor extends Cursor {
        private final long[] a;

        LongCursor(long[] a) {
            super(a.length);
            this.a = a;
        }

        public long next() {
            return a[take()];
        }
    }

    public static final class DoubleCursor extends Cursor {
        private final double[] a;

        DoubleCursor(double[] a) {
            super(a.length);
            this.a = a;
        }

        public double next() {
            return a[take()];
        }
    }

    public static final class FloatCursor extends Cursor {
        private final float[] a;

        FloatCursor(float[] a) {
            super(a.length);
            this.a = a;
        }

        public float next() {
            return a[take()];
        }
    }

    public static final class BooleanCursor extends Cursor {
        private final boolean[] a;

        BooleanCursor(boolean[] a) {
            super(a.length);
            this.a = a;
        }

        public boolean next() {
            return a[take()];
        }
    }

    public static final class CharCursor extends Cursor {
        private final char[] a;

        CharCursor(char[] a) {
            super(a.length);
            this.a = a;
        }

        public char next() {
            return a[take()];
        }
    }

    public static final class ShortCursor extends Cursor {
        private final short[] a;

        ShortCursor(short[] a) {
            super(a.length);
            this.a = a;
        }

        public short next() {
            return a[take()];
        }
    }

    public static final class ByteCursor extends Cursor {
        private final byte[] a;

        ByteCursor(byte[] a) {
            super(a.length);
            this.a = a;
        }

        public byte next() {
            return a[take()];
        }
    }
}

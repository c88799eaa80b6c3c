package org.asyncio4j.net;

import java.io.EOFException;

/**
 * asyncio's {@code IncompleteReadError}: the stream ended before a read could be satisfied. It is an
 * {@link EOFException} (asyncio's is an {@code EOFError}), hence an {@link java.io.IOException}.
 */
public final class IncompleteReadException extends EOFException {
    private final transient byte[] partial;
    /** The byte count asked for, or -1 when reading up to a separator. */
    private final int expected;

    /**
     * {@code expected} is the byte count asked for, or -1 when reading up to a separator.
     * @param partial the bytes read before the end of the stream; not copied
     * @param expected the number of bytes asked for, or -1 when reading up to a separator
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /**
     * The bytes read before the end of the stream (removed from the reader).
     * @return the partial bytes; the array itself, not a copy
     */
    public byte[] partial() {
        return partial;
    }

    /**
     * The number of bytes asked for, or -1 for {@code readUntil} (asyncio's {@code None}).
     * @return the requested count, or -1
     */
    public int expected() {
        return expected;
    }
}

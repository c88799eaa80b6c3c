package org.asyncio4j.net;

import java.io.IOException;

/**
 * asyncio's {@code LimitOverrunError}: a line (or a chunk up to a separator) is longer than the
 * reader's limit. An {@link IOException} so that I/O error handling catches it too.
 */
public final class LimitOverrunException extends IOException {
    /** How many bytes had been looked at without finding the separator. */
    private final int consumed;

    /**
     * An overrun after looking at {@code consumed} bytes.
     * @param message what was too long and what the limit is
     * @param consumed how many bytes had been looked at without finding the separator
     */
    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * How many bytes had been looked at without finding the separator (asyncio's {@code consumed}).
     * @return the number of bytes looked at
     */
    public int consumed() {
        return consumed;
    }
}

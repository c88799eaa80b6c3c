package org.asyncio4j.sample.crawler;

/**
 * A bad command-line argument: the message says what was wrong, {@link #usage()} how to call the
 * program. {@code Main} prints both on stderr and exits with status 2.
 */
public final class UsageError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }

    /** The usage text to print after the message. */
    public String usage() {
        return Options.USAGE;
    }
}

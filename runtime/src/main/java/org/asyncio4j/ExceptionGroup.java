package org.asyncio4j;

import java.util.List;

/** asyncio's {@code ExceptionGroup}: the failures of a {@link TaskGroup}, in completion order. */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Throwable> exceptions;

    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.get(0));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (int i = 1; i < this.exceptions.size(); i++) {
            addSuppressed(this.exceptions.get(i));
        }
    }

    /** The grouped exceptions, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}

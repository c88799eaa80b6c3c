package org.asyncio4j.processor.fuzz;

/** The unchecked exception generated programs throw and await. */
public final class FxUnchecked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FxUnchecked(String message) {
        super(message);
    }
}

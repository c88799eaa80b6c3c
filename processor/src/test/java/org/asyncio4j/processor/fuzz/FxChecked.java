package org.asyncio4j.processor.fuzz;

/** The checked exception generated programs throw and await ({@code Await.on(t, FxChecked.class)}). */
public final class FxChecked extends Exception {
    private static final long serialVersionUID = 1L;

    public FxChecked(String message) {
        super(message);
    }
}

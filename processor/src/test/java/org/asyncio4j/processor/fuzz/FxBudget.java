package org.asyncio4j.processor.fuzz;

/**
 * Thrown by every {@link Fx} call once a run has done too many steps (deep recursion times nested
 * loops can blow up). Such a run is discarded, not compared: both sides would agree, but it proves
 * nothing and costs time. An Error so that {@code catch (Exception e)} in programs does not eat it.
 */
public final class FxBudget extends Error {
    private static final long serialVersionUID = 1L;

    FxBudget() {
        super("fuzz step budget exceeded", null, false, false);
    }
}

package org.asyncio4j.net;

import org.asyncio4j.Task;

/** Lets tests in other packages use {@link Flow#settle}. */
public final class FlowAccess {
    private FlowAccess() {}

    public static Task<Object> settle(Task<?> t) {
        return Flow.settle(t);
    }
}

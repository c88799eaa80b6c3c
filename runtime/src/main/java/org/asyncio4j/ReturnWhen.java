package org.asyncio4j;

/** When {@code Asyncio.wait} returns (asyncio's {@code return_when}). */
public enum ReturnWhen {
    /** Return when any awaited task is done (a result, a failure or a cancellation). */
    FIRST_COMPLETED,
    /** Return when any awaited task fails, or when all are done if none fails. */
    FIRST_EXCEPTION,
    /** Return when all awaited tasks are done. */
    ALL_COMPLETED
}

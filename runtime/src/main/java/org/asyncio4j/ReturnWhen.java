package org.asyncio4j;

/** When {@code Asyncio.wait} returns (asyncio's {@code return_when}). */
public enum ReturnWhen {
    FIRST_COMPLETED,
    FIRST_EXCEPTION,
    ALL_COMPLETED
}

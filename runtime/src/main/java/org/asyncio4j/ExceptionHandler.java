package org.asyncio4j;

/** Receives errors that have nowhere else to go (asyncio's loop exception handler). */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Called with one error report, on the loop thread or on the thread that found the error (e.g. the cleaner
     * reporting a failure nobody retrieved); must not block.
     * @param report the message, the exception (if any), the task's name (if any) and the loop
     */
    void handle(ErrorReport report);
}

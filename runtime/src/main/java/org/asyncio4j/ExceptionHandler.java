package org.asyncio4j;

/** Receives errors that have nowhere else to go (asyncio's loop exception handler). */
@FunctionalInterface
public interface ExceptionHandler {
    void handle(ErrorReport report);
}

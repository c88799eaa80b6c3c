package org.asyncio4j;

/**
 * What the loop reports to its {@link ExceptionHandler}: asyncio's context dict, e.g.
 * {@code "Task exception was never retrieved"} with the exception and the task's name.
 * @param message what went wrong, in words
 * @param exception the error, or null if the report has none
 * @param taskName the name of the task the error belongs to, or null
 * @param loop the loop that reported it
 */
public record ErrorReport(String message, Throwable exception, String taskName, EventLoop loop) {
    @Override
    public String toString() {
        return message + (taskName != null ? " (task " + taskName + ")" : "")
                + (exception != null ? ": " + exception : "");
    }
}

package org.asyncio4j.queue;

/** Thrown by a put on a queue that was shut down, or get on one that is shut down and empty. */
public class QueueShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A shut-down error saying which operation failed.
     * @param message what was refused and why
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}

package org.asyncio4j.queue;

/** Thrown by a put on a full queue without waiting (putNowait). */
public class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A full-queue error saying which queue.
     * @param message what was refused and why
     */
    public QueueFullException(String message) {
        super(message);
    }
}

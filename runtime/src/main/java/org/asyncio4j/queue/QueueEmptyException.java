package org.asyncio4j.queue;

/** Thrown by a get on an empty queue without waiting (getNowait). */
public class QueueEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An empty-queue error saying which queue.
     * @param message what was refused and why
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}

package org.asyncio4j.http;

import org.asyncio4j.Task;

/**
 * Answers one HTTP request: an {@code @Async} method or a lambda returning a {@link Task}. The task
 * is cancelled when the client disconnects before the response is sent, and when the server's
 * graceful stop runs out of time. A handler that throws (or whose task fails) gets the client a
 * {@code 500 Internal Server Error} and a report on the loop's exception handler.
 */
@FunctionalInterface
public interface Handler {
    /**
     * The response to {@code request}; must not be null.
     * @param request the parsed request, body included
     * @return a task completing with the response; not null, nor completing with null
     */
    Task<Response> handle(Request request);
}

package org.asyncio4j.http;

import org.asyncio4j.Task;

/**
 * Serves one accepted WebSocket: an {@code @Async} method or a lambda returning a {@link Task}.
 * When its task ends the server closes the WebSocket (code 1000 if the handler did not close it,
 * 1011 if the task failed).
 */
@FunctionalInterface
public interface WebSocketHandler {
    /**
     * Runs the conversation on {@code ws}; {@code request} is the upgrade request (path, query, headers).
     * @param request the upgrade request; its path parameters come from the route
     * @param ws the open WebSocket; the server closes it when the task ends (1000, or 1011 if the task failed) unless
     *     the handler did
     * @return a task that ends when the conversation is over
     */
    Task<Void> handle(Request request, WebSocket ws);
}

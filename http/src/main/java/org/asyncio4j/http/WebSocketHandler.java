package org.asyncio4j.http;

import org.asyncio4j.Task;

/**
 * Serves one accepted WebSocket: an {@code @Async} method or a lambda returning a {@link Task}.
 * When its task ends the server closes the WebSocket (code 1000 if the handler did not close it,
 * 1011 if the task failed).
 */
@FunctionalInterface
public interface WebSocketHandler {
    /** Runs the conversation on {@code ws}; {@code request} is the upgrade request (path, query, headers). */
    Task<Void> handle(Request request, WebSocket ws);
}

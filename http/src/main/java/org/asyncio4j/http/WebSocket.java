package org.asyncio4j.http;

import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Task;

/**
 * A WebSocket conversation, server side (from {@link HttpServer.Builder#websocket}) or client side
 * ({@link WebSocketClient#connect}). Loop thread only.
 *
 * <p>Receiving: {@link #receive()} one message at a time, or {@link #messages()} in a loop that ends
 * at a normal close. One receive at a time; nothing is read from the peer while no one receives, so
 * a slow consumer slows the peer (TCP flow control) instead of filling memory.
 *
 * <p>Sending: {@link #sendText} and {@link #sendBinary} complete once the frame is handed to the
 * operating system within the write buffer's high-water mark: a slow peer makes them wait.
 */
public interface WebSocket {
    /**
     * The next whole message. Fails with {@link WebSocketClosedException} once the peer closed
     * (after the close handshake is answered) or the connection was lost (code 1006).
     * @return a task completing with the next text or binary message
     */
    Task<Message> receive();

    /**
     * The messages until the peer closes: ends at a normal close (1000, 1001), fails at any other.
     * @return an async iterable of the messages, for {@code Await.each}
     */
    default AsyncIterable<Message> messages() {
        return () -> new MessageIterator(this::receive);
    }

    /**
     * Sends a text message; done when written (see back-pressure above). The server sends a message
     * longer than its {@link HttpServer.Builder#webSocketFrameSize frame size} as several frames.
     * @param text the message; not null
     * @return a task completing when the message is written
     */
    Task<Void> sendText(String text);

    /**
     * Sends a binary message; done when written.
     * @param data the payload; not null
     * @return a task completing when the message is written
     */
    Task<Void> sendBinary(byte[] data);

    /**
     * Sends a ping carrying {@code data} (at most 125 bytes) and completes when the peer's pong with
     * the same data arrives (a pong also answers every older ping). Pongs are read with the
     * messages: if no task is receiving, the ping starts reading and keeps the first message that
     * arrives for the next {@link #receive()}; while such a message waits, nothing more is read, so
     * the ping waits too. Fails with {@link WebSocketClosedException} if the WebSocket closes first.
     * The peer's pings are answered automatically, on both sides.
     * @param data the ping's payload, at most 125 bytes; not null
     * @return a task completing when the matching pong arrives
     */
    Task<Void> ping(byte[] data);

    /**
     * Starts the close handshake with {@code code} (1000 normal, 1001 going away, 4000-4999 your own)
     * and {@code reason}; done when the peer answered (or did not within a few seconds) and the
     * connection is closed. Idempotent.
     * @param code the close code to send: 1000, 1001, or 4000-4999 for your own meanings
     * @param reason a short reason for the peer; may be empty
     * @return a task completing when the connection is closed
     */
    Task<Void> close(int code, String reason);

    /**
     * The close code once closed (sent or received first), else -1.
     * @return the close code, or -1 while open
     */
    int closeCode();
}

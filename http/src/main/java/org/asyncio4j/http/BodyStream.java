package org.asyncio4j.http;

import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;

/**
 * The body of a request on a streaming route, read from the connection as the handler iterates:
 * chunks of at most {@link HttpConnection#READ_SIZE} bytes, fixed length or chunked alike (the
 * parser removes the chunk framing). The body limit still holds: past it, iterating fails with a
 * 413 that the server answers if the handler lets it through. One iteration only. The processor
 * generates {@code AsyncBodyStream}.
 */
class BodyStream implements AsyncIterable<byte[]>, AsyncIterator<byte[]> {
    final HttpConnection conn;
    final RequestParser parser;
    /** Done when the body was read to its end (true) or failed (false): the connection may watch the client again. */
    final Promise<Boolean> ended = new Promise<>();
    private boolean iterated;
    byte[] next;

    BodyStream(HttpConnection conn, RequestParser parser) {
        this.conn = conn;
        this.parser = parser;
    }

    /** True once the whole body was read: the connection can go on with the next request. */
    boolean complete() {
        return parser.messageDone && parser.error == null;
    }

    @Override
    public AsyncIterator<byte[]> iterator() {
        if (iterated) {
            throw new IllegalStateException("a request body streams once: iterate bodyStream() a single time");
        }
        iterated = true;
        return this;
    }

    @Override
    public Task<Boolean> hasNext() {
        Task<Boolean> t = advance();
        t.addDoneCallback(x -> {
            if (!x.isCancelled() && x.exception() != null) {
                ended.complete(false); // refused, timed out or the client left: the body will not end
            }
        });
        return t;
    }

    @Async
    Task<Boolean> advance() {
        while (true) {
            if (next != null) {
                return Task.completed(true);
            }
            next = parser.chunks.poll();
            if (next != null) {
                return Task.completed(true);
            }
            if (parser.error != null) {
                throw parser.error;
            }
            if (parser.messageDone) {
                ended.complete(true);
                return Task.completed(false);
            }
            // Parse even an empty buffer: after the last content the parser still has to see the end.
            parser.parse(conn.in);
            if (!parser.chunks.isEmpty() || parser.error != null || parser.messageDone || conn.in.hasRemaining()) {
                continue;
            }
            byte[] b;
            // The body timeout applies to each wait for bytes: the handler may take its time between reads.
            try (Timeout t = Asyncio.timeout(conn.server.limits.bodyTimeout)) {
                b = Await.on(conn.reader.read(HttpConnection.READ_SIZE));
            } catch (AsyncTimeoutException e) {
                parser.error = new HttpError(408, "Request body not received within "
                        + conn.server.limits.bodyTimeout.toMillis() + " ms");
                throw parser.error;
            }
            if (b.length == 0) {
                throw new ClientGone("the client closed the connection in the middle of a request body");
            }
            conn.in = ByteBuffer.wrap(b);
        }
    }

    @Override
    public byte[] next() {
        byte[] b = next;
        if (b == null) {
            throw new NoSuchElementException("no chunk: await hasNext() and check it returned true first");
        }
        next = null;
        return b;
    }
}

package org.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.StreamWriter;

/**
 * Writes a streamed body with chunked transfer encoding. Each chunk is drained before the next is
 * asked for, so a slow client slows the source instead of filling memory. The iterator is closed
 * however the loop ends (client gone, source failed, handler cancelled).
 */
class ChunkedBody {
    static final byte[] CRLF = {'\r', '\n'};
    static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    @Async
    Task<Void> write(StreamWriter writer, AsyncIterable<byte[]> chunks) {
        try (AsyncIterator<byte[]> it = chunks.iterator()) {
            while (Await.on(it.hasNext())) {
                byte[] c = it.next();
                if (c == null || c.length == 0) {
                    continue; // an empty chunk would end the body early
                }
                writer.write((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                writer.write(c);
                writer.write(CRLF);
                Await.on(writer.drain());
            }
        } catch (RuntimeException | Error e) {
            if (!(e instanceof org.asyncio4j.CancelledError)) {
                // The status line is out: the only honest signal left is a body cut short.
                writer.abort();
            }
            throw e;
        }
        writer.write(LAST);
        Await.on(writer.drain());
        return Task.completed();
    }
}

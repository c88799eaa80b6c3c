package org.asyncio4j.net;

import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * {@link StreamReader#lines()}: {@code async for line in reader}. Each {@code hasNext()} reads one
 * line as {@link StreamReader#readLine()} does (with its terminator; the unterminated rest at EOF);
 * the end is the empty read at EOF. A failed read fails {@code hasNext()}.
 */
final class StreamLines implements AsyncIterable<byte[]> {
    private final StreamReader reader;

    StreamLines(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public AsyncIterator<byte[]> iterator() {
        return new AsyncIterator<>() {
            private byte[] next;
            private boolean reading;

            @Override
            public Task<Boolean> hasNext() {
                if (next != null) {
                    return Task.completed(true);
                }
                if (reading) {
                    throw new IllegalStateException("hasNext() is already pending on this iterator: await it first");
                }
                reading = true;
                Task<byte[]> line = reader.readLine();
                Promise<Boolean> has = new Promise<>();
                line.addDoneCallback(t -> {
                    reading = false;
                    if (t.isCancelled()) {
                        has.cancel();
                        return;
                    }
                    Throwable e = t.exception();
                    if (e != null) {
                        has.fail(e);
                    } else if (t.result().length == 0) {
                        has.complete(false);
                    } else {
                        next = t.result();
                        has.complete(true);
                    }
                });
                has.addDoneCallback(h -> {
                    if (h.isCancelled() && !line.isDone()) {
                        line.cancel(); // cancelling the wait cancels the read (StreamReader keeps the data)
                    }
                });
                return has;
            }

            @Override
            public byte[] next() {
                byte[] n = next;
                if (n == null) {
                    throw new NoSuchElementException("no line: await hasNext() first, and only call next() when it gave true");
                }
                next = null;
                return n;
            }
        };
    }
}

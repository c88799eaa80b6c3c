package org.asyncio4j.http;

import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * Messages as an {@link AsyncIterator} over a {@code receive()}: ends at a normal close (1000,
 * 1001), fails with {@link WebSocketClosedException} at any other.
 */
final class MessageIterator implements AsyncIterator<Message> {
    private final Supplier<Task<Message>> receive;
    private Message next;
    private boolean ended;

    MessageIterator(Supplier<Task<Message>> receive) {
        this.receive = receive;
    }

    @Override
    public Task<Boolean> hasNext() {
        if (ended) {
            return Task.completed(false);
        }
        Task<Message> t = receive.get();
        Promise<Boolean> p = new Promise<>();
        p.addDoneCallback(x -> {
            if (x.isCancelled()) {
                t.cancel(); // the consumer gave up: so does its receive, which consumes nothing
            }
        });
        t.addDoneCallback(done -> {
            if (done.isCancelled()) {
                p.cancel();
                return;
            }
            Throwable e = done.exception();
            if (e instanceof WebSocketClosedException c && c.isNormal()) {
                ended = true;
                p.complete(false);
            } else if (e != null) {
                ended = true;
                p.fail(e);
            } else {
                next = done.result();
                p.complete(true);
            }
        });
        return p;
    }

    @Override
    public Message next() {
        Message m = next;
        if (m == null) {
            throw new NoSuchElementException("no message: await hasNext() and check it returned true first");
        }
        next = null;
        return m;
    }
}

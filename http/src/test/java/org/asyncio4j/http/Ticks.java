package org.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;

/** A streamed body source: {@code count} chunks "tick i\n", one every {@code every}; logs its close. */
final class Ticks implements AsyncIterable<byte[]> {
    final int count;
    final Duration every;
    final List<String> log;

    Ticks(int count, Duration every, List<String> log) {
        this.count = count;
        this.every = every;
        this.log = log;
    }

    @Override
    public AsyncIterator<byte[]> iterator() {
        return new AsyncIterator<>() {
            int i;
            boolean ready;

            @Override
            public Task<Boolean> hasNext() {
                if (i >= count) {
                    return Task.completed(false);
                }
                ready = true;
                return Asyncio.sleep(every, true);
            }

            @Override
            public byte[] next() {
                if (!ready) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return ("tick " + i++ + "\n").getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Task<Void> closeAsync(Throwable pending) {
                log.add("ticks closed after " + i + (pending == null ? "" : " by " + pending.getClass().getSimpleName()));
                return Task.completed();
            }
        };
    }
}

package org.asyncio4j.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * {@link AsyncFiles#lines}: the reader lives on executor threads (one batch at a time, so never two
 * threads at once; each hand-off through the executor and the loop orders its accesses), the
 * buffered lines on the loop.
 */
final class LineIterator implements AsyncIterator<String> {
    /** Characters read per hop: big enough that the hop's cost is noise, small enough to stream. */
    static final int BATCH_CHARS = 64 * 1024;

    private final Path file;
    private final Charset charset;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private BufferedReader reader;
    private boolean eof;
    private boolean ready;
    private boolean closed;
    private Task<Boolean> reading;

    LineIterator(Path file, Charset charset) {
        this.file = file;
        this.charset = charset;
    }

    private record Batch(List<String> lines, boolean eof) {}

    @Override
    public Task<Boolean> hasNext() {
        if (!lines.isEmpty()) {
            ready = true;
            return Task.completed(true);
        }
        if (eof) {
            return Task.completed(false);
        }
        if (closed) {
            return Task.failed(new IllegalStateException("lines(" + file + "): hasNext() after closeAsync()"));
        }
        if (reading != null && !reading.isDone()) {
            return Task.failed(new IllegalStateException("lines(" + file + "): hasNext() while the previous one is pending;"
                    + " await each hasNext() before the next"));
        }
        reading = Chain.map(Asyncio.toThread(this::readBatch), b -> {
            lines.addAll(b.lines());
            eof = b.eof();
            ready = !lines.isEmpty();
            return ready;
        });
        return reading;
    }

    /** On an executor thread: opens on first use, closes at the end or on an error. */
    private Batch readBatch() throws IOException {
        try {
            if (reader == null) {
                reader = Files.newBufferedReader(file, charset);
            }
            List<String> out = new ArrayList<>();
            int chars = 0;
            while (chars < BATCH_CHARS) {
                String line = reader.readLine();
                if (line == null) {
                    reader.close();
                    return new Batch(out, true);
                }
                out.add(line);
                chars += line.length() + 1;
            }
            return new Batch(out, false);
        } catch (IOException | RuntimeException | Error e) {
            closeReader(e);
            throw e;
        }
    }

    private void closeReader(Throwable pending) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException c) {
                pending.addSuppressed(c);
            }
        }
    }

    @Override
    public String next() {
        if (!ready || lines.isEmpty()) {
            throw new NoSuchElementException("lines(" + file + "): next() without a hasNext() that completed with true");
        }
        String s = lines.poll();
        ready = !lines.isEmpty();
        return s;
    }

    /** Closes the file if it is still open, after a batch still being read. */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        if (closed) {
            return Task.completed();
        }
        closed = true;
        lines.clear();
        ready = false;
        if (reader == null && (reading == null || reading.isDone())) {
            return Task.completed();
        }
        Promise<Void> done = new Promise<>();
        Runnable close = () -> Asyncio.toThread(() -> {
            if (reader != null) {
                reader.close();
            }
            return null;
        }).addDoneCallback(t -> {
            if (t.isCancelled()) {
                done.cancel(null);
            } else if (t.exception() != null) {
                done.fail(t.exception());
            } else {
                done.complete(null);
            }
        });
        if (reading != null && !reading.isDone()) {
            reading.addDoneCallback(t -> close.run());
        } else {
            close.run();
        }
        return done;
    }
}

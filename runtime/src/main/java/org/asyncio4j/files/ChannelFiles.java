package org.asyncio4j.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * Whole-file reads and writes through {@link AsynchronousFileChannel}: the file is opened on the
 * default executor, then read or written in {@value #CHUNK}-byte positional operations whose
 * completions chain on the channel's own threads; only the final result crosses to the loop.
 * {@link AsyncFiles} is the better default (see its notes and workload W8); this class exists for
 * callers who want the channel's model and so that both can be measured.
 *
 * <p>Cancelling the returned task closes the channel, which stops the operation at its next chunk
 * (a write may then have written part of the file).
 */
public final class ChannelFiles {
    /** Bytes per read or write operation (the JDK copies heap buffers through a direct buffer of this size). */
    public static final int CHUNK = 1 << 20;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ChannelFiles() {}

    /**
     * Every byte of {@code file}, read in {@value #CHUNK}-byte chunks.
     * @param file the file to read; not null
     * @return a task completing with the file's contents; it fails with the read's {@link java.io.IOException}
     */
    public static Task<byte[]> readAllBytes(Path file) {
        Path f = AsyncFiles.need(file, "ChannelFiles.readAllBytes");
        Promise<byte[]> result = new Promise<>();
        start(result, () -> {
            AsynchronousFileChannel ch = AsynchronousFileChannel.open(f, StandardOpenOption.READ);
            long size = sizeOf(ch, f);
            return new Chunks(ch, ByteBuffer.wrap(new byte[(int) size]), false, result);
        });
        return result;
    }

    /**
     * Writes {@code bytes} in {@value #CHUNK}-byte chunks, creating or truncating the file.
     * @param file the file to write; not null
     * @param bytes what to write; not null
     * @return a task completing when every byte is written
     */
    public static Task<Void> write(Path file, byte[] bytes) {
        Path f = AsyncFiles.need(file, "ChannelFiles.write");
        byte[] b = Objects.requireNonNull(bytes, "ChannelFiles.write: bytes is null; pass new byte[0] for an empty file");
        Promise<byte[]> written = new Promise<>();
        Set<OpenOption> opts = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        start(written, () -> new Chunks(AsynchronousFileChannel.open(f, opts, null), ByteBuffer.wrap(b), true, written));
        return Chain.map(written, x -> null);
    }

    private interface Opener {
        Chunks open() throws IOException;
    }

    /**
     * Opens on the default executor and starts the first chunk from there, so that from then on the
     * loop only sees the final result. A cancellation closes the channel from whichever side comes
     * second: the executor (the task was already cancelled when the file opened) or the loop (the
     * file was already open when the task was cancelled).
     */
    private static void start(Promise<byte[]> result, Opener opener) {
        AtomicReference<AsynchronousFileChannel> open = new AtomicReference<>();
        result.addDoneCallback(t -> {
            AsynchronousFileChannel ch = open.get();
            if (t.isCancelled() && ch != null && ch.isOpen()) {
                try {
                    ch.close();
                } catch (IOException e) {
                    report(e);
                }
            }
        });
        Asyncio.toThread(() -> {
            Chunks c;
            try {
                c = opener.open();
            } catch (IOException | RuntimeException | Error e) {
                result.fail(e);
                return null;
            }
            open.set(c.ch);
            c.next(); // closes the channel at once if the task is already done (cancelled)
            return null;
        });
    }

    private static long sizeOf(AsynchronousFileChannel ch, Path f) throws IOException {
        try {
            long size = ch.size();
            if (size > MAX_ARRAY) {
                throw new IOException(f + " has " + size + " bytes, more than a Java array holds;"
                        + " read it in parts with AsynchronousFileChannel or AsyncFiles.lines");
            }
            return size;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A close failure after a cancellation: nobody awaits the task any more, so the loop's handler hears of it. */
    private static void report(IOException e) {
        org.asyncio4j.EventLoop.current().callExceptionHandler("ChannelFiles: closing a cancelled operation's channel failed", e, null);
    }

    /** Closes the channel and completes the promise (any thread). A close failure is not lost. */
    static void finish(AsynchronousFileChannel ch, Promise<byte[]> result, byte[] value, Throwable failure) {
        try {
            ch.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            result.fail(failure);
        } else {
            result.complete(value);
        }
    }

    /** One chunk after another, each started from the previous one's completion (on the channel's threads). */
    private static final class Chunks implements CompletionHandler<Integer, Void> {
        final AsynchronousFileChannel ch;
        private final ByteBuffer buf;
        private final boolean writing;
        private final Promise<byte[]> result;

        Chunks(AsynchronousFileChannel ch, ByteBuffer buf, boolean writing, Promise<byte[]> result) {
            this.ch = ch;
            this.buf = buf;
            this.writing = writing;
            this.result = result;
        }

        void next() {
            if (!buf.hasRemaining() || result.isDone()) {
                finish(ch, result, buf.array(), null);
                return;
            }
            long position = buf.position();
            ByteBuffer chunk = buf.slice(buf.position(), Math.min(CHUNK, buf.remaining()));
            try {
                if (writing) {
                    ch.write(chunk, position, null, this);
                } else {
                    ch.read(chunk, position, null, this);
                }
            } catch (RuntimeException e) {
                failed(e, null);
            }
        }

        @Override
        public void completed(Integer n, Void attachment) {
            if (n < 0) { // the file shrank while we read it: return what is there
                finish(ch, result, java.util.Arrays.copyOf(buf.array(), buf.position()), null);
                return;
            }
            buf.position(buf.position() + n);
            next();
        }

        @Override
        public void failed(Throwable e, Void attachment) {
            finish(ch, result, null, e);
        }
    }
}

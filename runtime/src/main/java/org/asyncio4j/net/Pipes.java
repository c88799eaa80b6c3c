package org.asyncio4j.net;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.asyncio4j.EventLoop;

/**
 * Blocking streams as loop streams (asyncio's {@code connect_read_pipe}/{@code connect_write_pipe}):
 * what {@code org.asyncio4j.process} uses for a subprocess's stdin, stdout and stderr. Each pipe is
 * served by a pooled helper thread while it has work, never by the loop thread. Call on the loop
 * thread; the loop closes and reports pipes still open when it closes.
 */
public final class Pipes {
    private Pipes() {}

    /**
     * A reader fed from {@code in} until its end; the stream is closed at the end.
     * @param in the stream to read, on a helper thread; not null
     * @param limit the longest line the reader accepts, in bytes; positive
     * @param name names the helper thread and the reader, for messages
     * @return a reader that ends when {@code in} does
     */
    public static StreamReader reader(InputStream in, int limit, String name) {
        Objects.requireNonNull(in, "in");
        StreamReader r = new StreamReader(limit);
        PipeReadTransport t = new PipeReadTransport(EventLoop.current(), in, r, name);
        t.start();
        return r;
    }

    /**
     * A writer to {@code out}; {@code close()} or {@code writeEof()} flushes and then closes it.
     * @param out the stream to write to, on a helper thread; not null
     * @param name names the helper thread and the writer, for messages
     * @return a writer to {@code out}
     */
    public static StreamWriter writer(OutputStream out, String name) {
        Objects.requireNonNull(out, "out");
        PipeWriteTransport t = new PipeWriteTransport(EventLoop.current(), out, name);
        t.start();
        return new StreamWriter(t, null);
    }

    /**
     * Helper threads currently working on pipes (for leak checks in tests).
     * @return the number of pipe helper threads alive now
     */
    public static int activeThreads() {
        return PipeThreads.ACTIVE.get();
    }
}

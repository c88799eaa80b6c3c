package org.asyncio4j.net;

import java.net.SocketAddress;
import java.util.Objects;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * asyncio's {@code StreamWriter}: {@link #write} buffers without blocking, {@link #drain()} applies
 * back-pressure, {@link #close()} starts closing and {@link #waitClosed()} waits for it. Loop thread only.
 *
 * <p>A writer that awaits {@code drain()} after its writes never holds much more than the high-water
 * mark (64 KiB by default) in memory, however slowly the peer reads.
 */
public final class StreamWriter implements AsyncCloseable {
    private final Transport transport;
    private final StreamReader reader;

    StreamWriter(Transport transport, StreamReader readerOrNull) {
        this.transport = transport;
        this.reader = readerOrNull;
    }

    /**
     * Queues {@code data} (copied; the caller may reuse the array). Never blocks. Throws
     * {@link IllegalStateException} after {@link #close()} or {@link #writeEof()}; after the connection
     * broke, the data is dropped as in asyncio and the next {@link #drain()} fails with the cause.
     * @param data the bytes to send; not null
     */
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        transport.write(data, 0, data.length);
    }

    /**
     * Queues {@code len} bytes of {@code data} from {@code off} (copied).
     * @param data the array holding the bytes to send; not null
     * @param off the index of the first byte to send
     * @param len how many bytes to send
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit in {@code data}
     */
    public void write(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, Objects.requireNonNull(data, "data").length);
        transport.write(data, off, len);
    }

    /**
     * Done at once while the write buffer is at or below the high-water mark; otherwise waits until it
     * falls to the low-water mark. Fails with the connection's error (or {@code SocketException
     * "Connection lost"}) once the connection is gone.
     * @return a task completing when the buffer has room again; wait on it after writing large amounts
     */
    public Task<Void> drain() {
        if (reader != null) {
            Throwable e = reader.exception();
            if (e != null) {
                return Task.failed(e);
            }
        }
        return transport.drain();
    }

    /**
     * Whether the transport supports half-closing with {@link #writeEof()} (TCP and pipes do, TLS does not).
     * @return true if {@link #writeEof()} may be called
     */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Half-close: the peer reads end-of-stream after the buffered data; this side can still read. */
    public void writeEof() {
        transport.writeEof();
    }

    /** Starts closing: buffered data is still sent, then the connection closes. Idempotent. */
    public void close() {
        transport.close();
    }

    /** Closes at once, dropping buffered data (asyncio's {@code transport.abort()}). */
    public void abort() {
        transport.abort();
    }

    /**
     * True once {@link #close()} was called or the connection broke.
     * @return true once the writer is closing or closed
     */
    public boolean isClosing() {
        return transport.closing;
    }

    /**
     * Done when the connection is closed; fails with the error that broke it, if any (as asyncio).
     * @return a task that completes once the connection is fully closed
     */
    public Task<Void> waitClosed() {
        return transport.waitClosed();
    }

    /**
     * Bytes queued and not yet handed to the operating system.
     * @return the number of bytes waiting to be sent
     */
    public int writeBufferSize() {
        return transport.writeBufferSize();
    }

    /**
     * asyncio's {@code set_write_buffer_limits(high, low)}. Defaults: 64 KiB and 16 KiB.
     * @param high the buffer size, in bytes, above which {@link #drain()} waits
     * @param low the buffer size, in bytes, at or below which a waiting {@link #drain()} completes; at most
     *     {@code high}
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public void setWriteBufferLimits(int high, int low) {
        transport.setWriteBufferLimits(high, low);
    }

    /**
     * The peer's address (null for a pipe).
     * @return the remote socket address, or null for a pipe
     */
    public SocketAddress peerAddress() {
        return transport.peerAddress();
    }

    /**
     * This side's address (null for a pipe).
     * @return the local socket address, or null for a pipe
     */
    public SocketAddress localAddress() {
        return transport.localAddress();
    }

    /**
     * {@code close()} then {@code waitClosed()}. When the block already failed ({@code pending != null}),
     * an error from closing is added to it as suppressed instead of replacing it.
     */
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        close();
        Task<Void> closed = waitClosed();
        if (pending == null) {
            return closed;
        }
        Promise<Void> p = new Promise<>();
        closed.addDoneCallback(t -> {
            if (!t.isCancelled()) {
                Throwable e = t.exception();
                if (e != null && e != pending) {
                    pending.addSuppressed(e);
                }
            }
            p.complete(null);
        });
        return p;
    }

    Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + "]";
    }
}

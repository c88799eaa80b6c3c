package org.asyncio4j.net;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.Waiter;

/**
 * asyncio's {@code StreamReader}: a byte buffer fed by a connection (or a pipe) and read by one task
 * at a time. Loop thread only.
 *
 * <p>Every read returns a task that is already done when the buffer can answer at once (no
 * suspension), or a pending one that the reader completes as data arrives. A read that has to wait
 * resumes a paused peer; otherwise, once more than {@code 2 * limit} bytes are buffered, the reader
 * stops reading from its transport (TCP flow control then slows the peer) until the buffer falls back
 * to {@code limit}, as asyncio does.
 *
 * <p>A read that waits is decided when its task resumes, as in asyncio: feeding data that lets it
 * finish wakes it, and it looks at the buffer (including whatever else arrived meanwhile) only when
 * its task runs, one loop iteration later. So two chunks fed in one iteration count as one, exactly
 * as asyncio's {@code readuntil} sees them (docs/asyncio-probes/streams_limit.py).
 *
 * <p>The {@code feed*} methods are public as in asyncio ({@code feed_data}, {@code feed_eof},
 * {@code set_exception}): a reader can be fed by hand, e.g. to parse bytes from elsewhere.
 */
public final class StreamReader {
    /** asyncio's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[][] NEWLINE = {{'\n'}};
    /** A buffer this large is dropped, not kept, once it is empty (after a big readAll or a burst). */
    private static final int KEEP_CAPACITY = 256 * 1024;

    private static final int OP_NONE = 0;
    private static final int OP_READ = 1;
    private static final int OP_ALL = 2;
    private static final int OP_EXACTLY = 3;
    private static final int OP_UNTIL = 4;
    private static final int OP_LINE = 5;

    private final int limit;
    private byte[] buf = EMPTY;
    private int head;
    private int tail;
    private boolean eof;
    private Throwable exception;
    private Transport transport;
    private boolean paused;

    // The one pending read (asyncio allows a single waiter too).
    private ReadWaiter waiter;
    /** The pending read was woken (it can finish) and decides when its task resumes. */
    private boolean woken;
    private int op;
    private int opN;
    /** readUntil's separators, shortest first (asyncio sorts them by length, stably). */
    private byte[][] opSeps;
    /** readUntil: where the next separator search starts (bytes before it were already searched). */
    private int opOffset;
    /** readUntil: the match found by the last search (end exclusive), or -1. */
    private int matchStart = -1;
    private int matchEnd = -1;

    /** A reader with asyncio's default limit of 64 KiB. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A reader whose lines (and {@code readUntil} chunks) may be at most {@code limit} bytes.
     * @param limit the longest line or {@code readUntil} chunk, in bytes; positive
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the stream limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    void setTransport(Transport t) {
        this.transport = t;
    }

    /**
     * The longest line or {@code readUntil} chunk this reader accepts, in bytes.
     * @return the limit given at construction (64 KiB by default)
     */
    public int limit() {
        return limit;
    }

    /**
     * Bytes buffered and not yet read.
     * @return the number of bytes received and not yet read
     */
    public int buffered() {
        return tail - head;
    }

    /**
     * True once the end of the stream was seen and everything before it was read.
     * @return true at end of stream with the buffer empty
     */
    public boolean atEof() {
        return eof && head == tail;
    }

    /**
     * The failure that ended the stream (e.g. a connection reset), or null.
     * @return the exception set by {@link #setException}, or null if the stream has not failed
     */
    public Throwable exception() {
        return exception;
    }

    /** True while the reader has stopped its transport because too much is buffered. */
    boolean isPaused() {
        return paused;
    }

    // ------------------------------------------------------------------ reads

    /**
     * Up to {@code max} bytes: whatever is buffered, else waits for data. An empty array means end of
     * stream. {@code max < 0} reads everything up to the end of the stream ({@link #readAll()}).
     * @param max the most bytes to return; negative for everything up to the end of the stream
     * @return a task completing with 1 to {@code max} bytes, or an empty array at the end of the stream
     */
    public Task<byte[]> read(int max) {
        if (max == 0) {
            return Task.completed(EMPTY);
        }
        return max < 0 ? start(OP_ALL, 0, null) : start(OP_READ, max, null);
    }

    /**
     * Everything up to the end of the stream (asyncio's {@code read(-1)}); no limit applies.
     * @return a task completing with the remaining bytes (empty if at end already)
     */
    public Task<byte[]> readAll() {
        return start(OP_ALL, 0, null);
    }

    /**
     * The lines of this stream as an {@link org.asyncio4j.AsyncIterable} ({@code async for line in
     * reader}): each element as {@link #readLine()} returns it, with its terminator; it ends at EOF.
     * Iterate it in an {@code @Async} method by awaiting {@code hasNext()} and calling {@code next()},
     * or collect it with {@code toList()}. Only one iteration should read a stream at a time.
     * @return an async iterable of the lines, each with its terminator
     */
    public org.asyncio4j.AsyncIterable<byte[]> lines() {
        return new StreamLines(this);
    }

    /**
     * One line, up to and including {@code \n}; at the end of the stream, what is left (possibly
     * empty). A line longer than the limit fails with {@link LimitOverrunException} and is discarded
     * (asyncio's {@code readline}).
     * @return a task completing with the line's bytes, {@code \n} included; empty at the end of the stream
     */
    public Task<byte[]> readLine() {
        return start(OP_LINE, 0, NEWLINE);
    }

    /**
     * Exactly {@code n} bytes; if the stream ends first, fails with {@link IncompleteReadException}
     * carrying what was read.
     * @param n how many bytes; zero or more
     * @return a task completing with exactly {@code n} bytes
     */
    public Task<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero, got " + n);
        }
        if (n == 0) {
            return Task.completed(EMPTY);
        }
        return start(OP_EXACTLY, n, null);
    }

    /**
     * Up to and including {@code separator}. At the end of the stream without it: fails with
     * {@link IncompleteReadException}. Longer than the limit: fails with {@link LimitOverrunException}
     * and leaves the data in the buffer.
     * @param separator the bytes that end the chunk; not empty
     * @return a task completing with the bytes read, the separator included
     */
    public Task<byte[]> readUntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) {
            throw new IllegalArgumentException("readUntil separator should be at least one-byte string");
        }
        return start(OP_UNTIL, 0, new byte[][] {separator.clone()});
    }

    /**
     * Up to and including the first of several separators (asyncio 3.13's {@code readuntil(tuple)}):
     * the shortest data that ends with any of them, so the match that <em>ends</em> first wins
     * ({@code (b"cd", b"bcde")} on {@code "abcdef"} returns {@code "abcd"}); of two matches ending at
     * the same byte, the shorter separator. The limit applies to the data before the matched
     * separator, and while none is found, to what was searched (the buffer minus the longest
     * separator's length less one). Failures as {@link #readUntil(byte[])}.
     *
     * @param separators at least one, none empty; copied
     * @return a task completing with the bytes read, the separator found included
     * @throws IllegalArgumentException if there is no separator or one is empty
     */
    public Task<byte[]> readUntil(byte[]... separators) {
        Objects.requireNonNull(separators, "separators");
        if (separators.length == 0) {
            throw new IllegalArgumentException("readUntil needs at least one separator (asyncio: "
                    + "'Separator should contain at least one element')");
        }
        byte[][] seps = new byte[separators.length][];
        for (int i = 0; i < seps.length; i++) {
            byte[] s = Objects.requireNonNull(separators[i], "separator " + i);
            if (s.length == 0) {
                throw new IllegalArgumentException("readUntil separator " + i + " is empty: every separator"
                        + " should be at least one-byte string");
            }
            seps[i] = s.clone();
        }
        Arrays.sort(seps, Comparator.comparingInt(b -> b.length)); // stable, as Python's sorted()
        return start(OP_UNTIL, 0, seps);
    }

    private Task<byte[]> start(int kind, int n, byte[][] seps) {
        assert transport == null || transport.io.inLoopThread() : "StreamReader used off its loop thread";
        ReadWaiter w = waiter;
        if (w != null) {
            if (!w.isDone() || woken) {
                throw new IllegalStateException("another task is already waiting to read from this stream;"
                        + " a StreamReader has one reader at a time (asyncio raises RuntimeError here too)");
            }
            clearOp(); // its reader was cancelled
        }
        op = kind;
        opN = n;
        opSeps = seps;
        opOffset = 0;
        matchStart = -1;
        matchEnd = -1;
        byte[] r;
        try {
            r = attempt();
        } catch (Throwable e) {
            clearOp();
            return Task.failed(e);
        }
        if (r != null) {
            clearOp();
            return Task.completed(r);
        }
        // Waiting for data: a paused transport must send more (asyncio's _wait_for_data).
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        ReadWaiter p = new ReadWaiter(EventLoop.current());
        waiter = p;
        return p;
    }

    private void clearOp() {
        waiter = null;
        woken = false;
        op = OP_NONE;
        opSeps = null;
    }

    /**
     * The pending read: woken (completed with a placeholder) once the buffer can finish it; its
     * result is computed from the buffer when the awaiting task resumes ({@link #onTaken}).
     */
    private final class ReadWaiter extends Waiter<byte[]> {
        ReadWaiter(EventLoop loop) {
            super(loop);
        }

        void wake() {
            succeed(null);
        }

        @Override
        protected void onTaken(boolean dropped) {
            if (waiter != this) {
                return;
            }
            if (dropped || isCancelled()) {
                clearOp(); // cancelled before its task ran: it consumes nothing, as in asyncio
                return;
            }
            byte[] r;
            try {
                r = attempt();
            } catch (Throwable e) {
                clearOp();
                replaceFailure(e);
                return;
            }
            clearOp();
            if (r == null) {
                // Cannot happen: only reads consume, and this is the one reader; data only grows.
                replaceFailure(new IllegalStateException("StreamReader: a woken read found nothing to return"));
                return;
            }
            replaceResult(r);
        }
    }

    /** True if the pending read can finish with the buffer as it is (consumes nothing). */
    private boolean canFinish() {
        if (exception != null || eof) {
            return true;
        }
        int avail = tail - head;
        switch (op) {
            case OP_READ:
                return avail > 0;
            case OP_ALL:
                return false;
            case OP_EXACTLY:
                return avail >= opN;
            case OP_UNTIL:
            case OP_LINE:
                if (matchEnd < 0) {
                    search(avail);
                }
                return matchEnd >= 0 || opOffset > limit;
            default:
                return false;
        }
    }

    /** The pending read's result, null if it needs more data; throws its failure. */
    private byte[] attempt() throws Throwable {
        if (exception != null) {
            throw exception;
        }
        int avail = tail - head;
        switch (op) {
            case OP_READ:
                if (avail > 0) {
                    return take(Math.min(opN, avail));
                }
                return eof ? EMPTY : null;
            case OP_ALL:
                return eof ? take(avail) : null;
            case OP_EXACTLY:
                if (avail >= opN) {
                    return take(opN);
                }
                if (eof) {
                    throw new IncompleteReadException(take(avail), opN);
                }
                return null;
            case OP_UNTIL:
            case OP_LINE:
                return attemptUntil(avail);
            default:
                throw new IllegalStateException("no pending read");
        }
    }

    /** asyncio's readuntil loop body; readline's discard-on-overrun included. */
    private byte[] attemptUntil(int avail) throws Throwable {
        if (matchEnd < 0) {
            search(avail);
        }
        if (matchEnd >= 0) {
            if (matchStart > limit) {
                throw overrun("Separator is found, but chunk is longer than limit", matchStart);
            }
            return take(matchEnd);
        }
        if (opOffset > limit) {
            throw overrun("Separator is not found, and chunk exceed the limit", opOffset);
        }
        if (eof) {
            byte[] rest = take(avail);
            if (op == OP_LINE) {
                return rest;
            }
            throw new IncompleteReadException(rest, -1);
        }
        return null;
    }

    /**
     * One pass of asyncio's search: the match ending first among the separators (shortest first, so
     * a tie goes to the shorter), else moves the search start past what cannot hold a separator.
     */
    private void search(int avail) {
        byte[][] seps = opSeps;
        if (avail - opOffset < seps[0].length) {
            return;
        }
        for (byte[] sep : seps) {
            int i = indexOf(sep, opOffset);
            if (i >= 0 && (matchEnd < 0 || i + sep.length < matchEnd)) {
                matchStart = i;
                matchEnd = i + sep.length;
            }
        }
        if (matchEnd < 0) {
            opOffset = Math.max(0, avail + 1 - seps[seps.length - 1].length);
        }
    }

    private LimitOverrunException overrun(String message, int consumed) {
        if (op == OP_LINE) {
            // readline drops the over-long line: up to its separator if seen, else all that is buffered.
            int avail = tail - head;
            byte[] nl = NEWLINE[0];
            if (consumed + nl.length <= avail && startsWith(nl, consumed)) {
                skip(consumed + nl.length);
            } else {
                skip(avail);
            }
        }
        return new LimitOverrunException(message + " (limit " + limit + " bytes)", consumed);
    }

    private int indexOf(byte[] sep, int from) {
        byte[] b = buf;
        int end = tail - sep.length + 1;
        byte first = sep[0];
        if (sep.length == 1) {
            for (int i = head + from; i < tail; i++) {
                if (b[i] == first) {
                    return i - head;
                }
            }
            return -1;
        }
        outer:
        for (int i = head + from; i < end; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < sep.length; j++) {
                if (b[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - head;
        }
        return -1;
    }

    private boolean startsWith(byte[] sep, int at) {
        for (int j = 0; j < sep.length; j++) {
            if (buf[head + at + j] != sep[j]) {
                return false;
            }
        }
        return true;
    }

    private byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] r = Arrays.copyOfRange(buf, head, head + n);
        skip(n);
        return r;
    }

    private void skip(int n) {
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
            if (buf.length > KEEP_CAPACITY) {
                buf = EMPTY;
            }
        }
        if (paused && tail - head <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    // ------------------------------------------------------------------ feeding

    /**
     * Appends {@code data} (copied) and wakes the pending read if it can now finish.
     * @param data bytes received from the peer; copied, so the caller may reuse the array
     */
    public void feedData(byte[] data) {
        feed(ByteBuffer.wrap(data));
    }

    /** Appends the remaining bytes of {@code src} (copied; the loop's shared read buffer on the hot path). */
    void feed(ByteBuffer src) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        ensureRoom(n);
        src.get(buf, tail, n);
        tail += n;
        afterFeed();
        // A read still waiting for more must get it (it would resume the transport anyway); a woken
        // one will consume when its task runs, so the buffer may be throttled meanwhile.
        if ((op == OP_NONE || woken) && !paused && transport != null && tail - head > 2 * limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    private void ensureRoom(int n) {
        if (buf.length - tail >= n) {
            return;
        }
        int size = tail - head;
        if (buf.length - size >= n && head >= size) {
            // Enough room once the unread bytes move to the front, and cheap to move: compact.
            System.arraycopy(buf, head, buf, 0, size);
        } else {
            int cap = Math.max(Math.max(buf.length * 2, size + n), 2048);
            byte[] nb = new byte[cap];
            System.arraycopy(buf, head, nb, 0, size);
            buf = nb;
        }
        head = 0;
        tail = size;
    }

    /** The end of the stream: pending and later reads see it. */
    public void feedEof() {
        eof = true;
        afterFeed();
    }

    /**
     * Fails the pending read and every later one with {@code error} (e.g. a connection reset).
     * @param error the cause every pending and later read fails with; not null
     */
    public void setException(Throwable error) {
        exception = Objects.requireNonNull(error, "error");
        afterFeed();
    }

    /** Wakes the pending read if it can now finish; it decides when its task resumes (asyncio's _wakeup_waiter). */
    private void afterFeed() {
        ReadWaiter w = waiter;
        if (w == null || woken) {
            return;
        }
        if (w.isDone()) {
            clearOp(); // cancelled: its read consumes nothing
            return;
        }
        if (canFinish()) {
            woken = true;
            w.wake();
        }
    }

    @Override
    public String toString() {
        return "StreamReader[buffered=" + (tail - head) + ", limit=" + limit + (eof ? ", eof" : "")
                + (paused ? ", paused" : "") + (exception != null ? ", exception=" + exception : "")
                + (op != OP_NONE ? ", waiting" : "") + "]";
    }
}

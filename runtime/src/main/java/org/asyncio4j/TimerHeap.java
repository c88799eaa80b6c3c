package org.asyncio4j;

import java.util.Arrays;

/**
 * The loop's timers: a 4-ary min-heap ordered by (deadline, sequence), fed by an unsorted batch.
 * The sequence breaks deadline ties in scheduling order (a deliberate deviation: CPython's heapq
 * compares deadlines only).
 *
 * <p><b>Batch.</b> {@link #push} only appends to the batch (O(1), no comparisons, no copying: the
 * batch is a list of fixed-size chunks, so a million pushes never copy a growing array). Every read
 * of the earliest timer ({@link #hasLive}, {@link #peekWhen}, {@link #pop}, {@link #pollDue}) first
 * settles: it drops the batch's cancelled entries and moves the rest into the heap, sifting each in
 * when the batch is small, or appending them all and rebuilding bottom-up (Floyd, O(n)) when it is
 * large. So a callback that schedules a million timers and cancels half of them pays O(1) per
 * call, and the cancelled half never enters the heap. Sequences are given in push order (the batch
 * is FIFO and every batch entry comes after every heap entry), so the order of equal deadlines
 * does not depend on when the batch was merged.
 *
 * <p><b>Cancellation</b> is lazy (as asyncio's): a cancelled entry stays until it reaches the top
 * (settling drops it there, so the earliest deadline reported is always a live timer's), or until
 * cancelled entries are at least half of the heap, when the next settle drops them all and
 * rebuilds it (O(n); asyncio's {@code _run_once} does the same). Cancels are counted through
 * {@link #noteCancelled}; the count may include entries that already left (a handle cancelled after
 * it fired), which only makes a prune come early, and each prune resets it.
 *
 * <p><b>Four children per node</b> halve the depth of a binary heap, and a node's four deadlines
 * are adjacent (one or two cache lines): popping a large heap is bound by cache misses, about two
 * per level (the children's deadlines, the moved entry), so half the levels is about half the
 * misses. Sequences are only read on equal deadlines.
 *
 * <p>Heap keys live in parallel primitive arrays rather than in the entries, so a sleeping task
 * costs 16 bytes here (12 while in the batch) and its {@link Sleep} needs no timer fields.
 * Sequences are ints: when they would run out (after ~2^31 timers), the heap's entries are
 * renumbered in their (deadline, sequence) order, which keeps every comparison, and so the heap,
 * as it was; the batch is numbered after them.
 */
final class TimerHeap {
    /** Below this many cancelled entries, never prune (asyncio's _MIN_SCHEDULED_TIMER_HANDLES is 100). */
    private static final int MIN_PRUNE = 512;
    /** Batch chunk size: small enough to come from a thread-local allocation buffer. */
    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    // The heap, slots [0, size).
    private long[] whens = new long[16];
    private int[] seqs = new int[16];
    private Object[] entries = new Object[16];
    private int size;

    // The batch: entry k is in chunk k >>> CHUNK_SHIFT; its sequence will be nextSeq + k.
    private long[][] batchWhens = new long[4][];
    private Object[][] batchEntries = new Object[4][];
    private int batchCount;
    /** The chunk being filled and the next free slot in it (CHUNK: take a new chunk first). */
    private long[] fillWhens;
    private Object[] fillEntries;
    private int fillPos = CHUNK;

    /** Cancels noted since the last prune, minus cancelled entries dropped since (an upper bound). */
    private int cancelled;
    /** The sequence of the batch's first entry. */
    private int nextSeq;
    /** Renumber when sequences would pass this (a parameter so tests can make it happen). */
    private final int seqLimit;

    TimerHeap() {
        this(Integer.MAX_VALUE);
    }

    TimerHeap(int seqLimit) {
        this.seqLimit = seqLimit;
    }

    /** Stored entries, cancelled ones included. */
    int size() {
        return size + batchCount;
    }

    /** Whether nothing is stored, not even a cancelled entry. */
    boolean isEmpty() {
        return size == 0 && batchCount == 0;
    }

    /**
     * Appends a timer; it joins the heap at the next settle. O(1). Returns the entry's sequence, which a
     * sleeping machine keeps to tell its live entry from a stale one (see {@link #isCancelled}); a
     * renumbering tells the machine its new sequence.
     */
    int push(long when, Object entry) {
        if (fillPos == CHUNK) {
            nextChunk();
        }
        fillWhens[fillPos] = when;
        fillEntries[fillPos++] = entry;
        return nextSeq + batchCount++;
    }

    private void nextChunk() {
        int c = batchCount >>> CHUNK_SHIFT;
        if (c == batchWhens.length) {
            batchWhens = Arrays.copyOf(batchWhens, c * 2);
            batchEntries = Arrays.copyOf(batchEntries, c * 2);
        }
        if (batchWhens[c] == null) {
            batchWhens[c] = new long[CHUNK];
            batchEntries[c] = new Object[CHUNK];
        }
        fillWhens = batchWhens[c];
        fillEntries = batchEntries[c];
        fillPos = 0;
    }

    /** Told when a stored entry was cancelled (TimerHandle.cancel, Sleep.cancel). */
    void noteCancelled() {
        cancelled++;
    }

    /** Whether a live timer is stored (settles, so the top is then live). */
    boolean hasLive() {
        settle();
        return size > 0;
    }

    /** The earliest live deadline; only after {@link #hasLive} returned true. */
    long peekWhen() {
        settle();
        return whens[0];
    }

    /** Removes and returns the earliest live timer; only after {@link #hasLive} returned true. */
    Object pop() {
        settle();
        return removeTop();
    }

    /** Removes and returns the earliest live timer if its deadline is at or before {@code now}, else null. */
    Object pollDue(long now) {
        settle();
        return size > 0 && whens[0] <= now ? removeTop() : null;
    }

    /** Empties the batch into the heap and makes the heap's top, if any, live. */
    private void settle() {
        if (batchCount > 0) {
            merge();
        }
        if (cancelled >= MIN_PRUNE && cancelled >= size - cancelled) {
            prune();
        }
        while (size > 0 && isCancelled(entries[0], seqs[0])) {
            removeTop();
            droppedCancelled();
        }
    }

    private void droppedCancelled() {
        if (cancelled > 0) {
            cancelled--;
        }
    }

    /** Moves the batch into the heap in push order, dropping its cancelled entries. */
    private void merge() {
        int n = batchCount;
        int pushedSeq = nextSeq; // the sequences push() returned for the batch: pushedSeq + k
        if ((long) nextSeq + n > seqLimit) {
            renumber();
        }
        // A large batch is appended and the heap rebuilt bottom-up, ~2 comparisons per entry,
        // where sifting each in could cost log(n) (a batch of decreasing deadlines).
        boolean rebuild = n > size >>> 3;
        ensureCapacity(size + n - Math.min(cancelled, n)); // an estimate: cancelled may count others
        int seq = nextSeq;
        for (int c = 0, left = n; left > 0; c++, left -= CHUNK) {
            long[] ws = batchWhens[c];
            Object[] es = batchEntries[c];
            int len = Math.min(left, CHUNK);
            for (int o = 0; o < len; o++, seq++, pushedSeq++) {
                Object e = es[o];
                if (isCancelled(e, pushedSeq)) {
                    droppedCancelled();
                    continue;
                }
                if (seq != pushedSeq && e instanceof Coroutine<?> machine) {
                    machine.sleepSeq = seq; // renumbered: the sleeping machine's live entry has a new sequence
                }
                if (size == entries.length) {
                    ensureCapacity(size + 1);
                }
                if (rebuild) {
                    whens[size] = ws[o];
                    seqs[size] = seq;
                    entries[size++] = e;
                } else {
                    siftUp(size++, ws[o], seq, e);
                }
            }
            if (c > 0) { // keep the first chunk for the next batch, drop the others
                batchWhens[c] = null;
                batchEntries[c] = null;
            }
        }
        Arrays.fill(batchEntries[0], 0, Math.min(n, CHUNK), null);
        nextSeq = seq;
        batchCount = 0;
        fillWhens = batchWhens[0];
        fillEntries = batchEntries[0];
        fillPos = 0;
        if (rebuild) {
            heapify();
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > entries.length) {
            int n = Math.max(needed, entries.length * 2);
            whens = Arrays.copyOf(whens, n);
            seqs = Arrays.copyOf(seqs, n);
            entries = Arrays.copyOf(entries, n);
        }
    }

    /** Drops every cancelled entry of the heap and rebuilds it; O(n). */
    private void prune() {
        int j = 0;
        for (int i = 0; i < size; i++) {
            Object e = entries[i];
            if (!isCancelled(e, seqs[i])) {
                whens[j] = whens[i];
                seqs[j] = seqs[i];
                entries[j++] = e;
            }
        }
        Arrays.fill(entries, j, size, null);
        size = j;
        cancelled = 0;
        heapify();
    }

    private void heapify() {
        for (int i = (size - 2) >> 2; i >= 0; i--) {
            siftDown(i, whens[i], seqs[i], entries[i]);
        }
    }

    /** Gives the heap's entries sequences 0..size-1 in (deadline, sequence) order; the batch follows. */
    private void renumber() {
        prune(); // first drop stale entries, so every machine left in the heap is its live entry
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> less(whens[a], seqs[a], whens[b], seqs[b]) ? -1
                : less(whens[b], seqs[b], whens[a], seqs[a]) ? 1 : 0);
        for (int rank = 0; rank < size; rank++) {
            int i = order[rank];
            seqs[i] = rank;
            if (entries[i] instanceof Coroutine<?> c) {
                c.sleepSeq = rank;
            }
        }
        nextSeq = size;
    }

    /** Removes the heap's top; only when settled (empty batch). */
    private Object removeTop() {
        assert batchCount == 0 && size > 0;
        Object top = entries[0];
        int last = --size;
        long w = whens[last];
        int s = seqs[last];
        Object e = entries[last];
        entries[last] = null;
        if (last > 0) {
            siftDown(0, w, s, e);
        }
        return top;
    }

    private static boolean less(long w1, int s1, long w2, int s2) {
        return w1 < w2 || (w1 == w2 && s1 < s2);
    }

    private void siftUp(int i, long w, int s, Object e) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!less(w, s, whens[parent], seqs[parent])) {
                break;
            }
            whens[i] = whens[parent];
            seqs[i] = seqs[parent];
            entries[i] = entries[parent];
            i = parent;
        }
        whens[i] = w;
        seqs[i] = s;
        entries[i] = e;
    }

    private void siftDown(int i, long w, int s, Object e) {
        int n = size;
        int lastParent = (n - 2) >> 2; // -1 when there is no child at all
        while (i <= lastParent) {
            int first = (i << 2) + 1;
            int end = Math.min(first + 4, n);
            int c = first;
            for (int k = first + 1; k < end; k++) {
                if (less(whens[k], seqs[k], whens[c], seqs[c])) {
                    c = k;
                }
            }
            if (!less(whens[c], seqs[c], w, s)) {
                break;
            }
            whens[i] = whens[c];
            seqs[i] = seqs[c];
            entries[i] = entries[c];
            i = c;
        }
        whens[i] = w;
        seqs[i] = s;
        entries[i] = e;
    }

    /**
     * Loop entries are Handles, FutureBases and machines sleeping through {@link Coroutine#sleep} (live
     * only while the machine still sleeps on the entry of sequence {@code seq}: a machine cancelled out of
     * a sleep that sleeps again leaves a stale entry behind); anything else (tests' markers) is never
     * cancelled.
     */
    static boolean isCancelled(Object entry, int seq) {
        return entry instanceof Handle h ? h.cancelled
                : entry instanceof Coroutine<?> c ? !c.sleepsOn(seq)
                : entry instanceof FutureBase<?> f && f.isDone();
    }
}

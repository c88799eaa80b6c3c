package org.asyncio4j;

import java.util.Arrays;

/**
 * Binary min-heap of timers ordered by (deadline, sequence). The sequence breaks deadline ties in
 * scheduling order (a deliberate deviation: CPython's heapq compares deadlines only).
 *
 * <p>Keys live in parallel primitive arrays rather than in the entries, so a sleeping task costs
 * 16 bytes here and its {@link Sleep} needs no timer fields. Sequences are ints: when they run out
 * (after ~2^31 timers), the live entries are renumbered in their (deadline, sequence) order, which
 * keeps every comparison, and so the heap, as it was. Cancellation is lazy: a cancelled
 * entry stays until it reaches the top, or until cancelled entries are over half the heap and
 * {@link #prune} rebuilds it (asyncio does the same).
 */
final class TimerHeap {
    private long[] whens = new long[16];
    private int[] seqs = new int[16];
    private Object[] entries = new Object[16];
    private int size;
    private int nextSeq;
    /** Renumber when nextSeq reaches this (a parameter so tests can make it happen). */
    private final int seqLimit;

    TimerHeap() {
        this(Integer.MAX_VALUE);
    }

    TimerHeap(int seqLimit) {
        this.seqLimit = seqLimit;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long peekWhen() {
        return whens[0];
    }

    Object peek() {
        return entries[0];
    }

    void push(long when, Object entry) {
        if (size == entries.length) {
            int n = size * 2;
            whens = Arrays.copyOf(whens, n);
            seqs = Arrays.copyOf(seqs, n);
            entries = Arrays.copyOf(entries, n);
        }
        if (nextSeq >= seqLimit) {
            renumber();
        }
        siftUp(size++, when, nextSeq++, entry);
    }

    /** Gives the live entries sequences 0..size-1 in (deadline, sequence) order. */
    private void renumber() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> less(whens[a], seqs[a], whens[b], seqs[b]) ? -1
                : less(whens[b], seqs[b], whens[a], seqs[a]) ? 1 : 0);
        for (int rank = 0; rank < size; rank++) {
            seqs[order[rank]] = rank;
        }
        nextSeq = size;
    }

    Object pop() {
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
            int parent = (i - 1) >>> 1;
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
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && less(whens[r], seqs[r], whens[c], seqs[c])) {
                c = r;
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

    /** Drops cancelled entries and restores the heap order; O(n). */
    void prune() {
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (!isCancelled(entries[i])) {
                whens[j] = whens[i];
                seqs[j] = seqs[i];
                entries[j] = entries[i];
                j++;
            }
        }
        Arrays.fill(entries, j, size, null);
        size = j;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, whens[i], seqs[i], entries[i]);
        }
    }

    static boolean isCancelled(Object entry) {
        return entry instanceof Handle h ? h.cancelled : ((FutureBase<?>) entry).isDone();
    }
}

package org.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * {@code asyncio.gather} ({@code _GatheringFuture}): a future over children, completed from their
 * done callbacks, so it resumes its awaiter exactly when asyncio 3.13's does: a child that finishes
 * later runs the callback one iteration after it finishes (awaiter one after that); a child already
 * done when gather is called is accounted for inside the call, so a gather of finished children is
 * done at once.
 *
 * <ul>
 * <li>gather: the first failure (or child cancellation, as a CancelledError <em>failure</em>)
 *   fails it at once; the siblings keep running and their later failures are marked retrieved.
 * <li>gatherSettled: waits for all, one {@link Outcome} per argument.
 * <li>{@link #cancel} cancels every child; it returns true if any child took the cancel, and the
 *   gather then ends with a CancelledError failure once the children are done (not "cancelled").
 * <li>The same task passed twice is awaited once and its result appears in both slots.
 * </ul>
 */
final class Gather<T, R> extends FutureBase<List<R>> implements Consumer<Task<?>> {
    private static final Task<?>[] NO_CHILDREN = new Task<?>[0];
    private final Task<? extends T>[] children;
    private final boolean settled;
    private final int unique;
    private int finished;
    private boolean cancelRequested;
    private String cancelMsg;

    private Gather(EventLoop loop, Task<? extends T>[] children, int unique, boolean settled) {
        super(loop);
        this.children = children;
        this.unique = unique;
        this.settled = settled;
    }

    static <T> Task<List<T>> gather(List<? extends Task<? extends T>> tasks) {
        return start(tasks, false);
    }

    static <T> Task<List<Outcome<T>>> gatherSettled(List<? extends Task<? extends T>> tasks) {
        return start(tasks, true);
    }

    @SuppressWarnings("unchecked")
    private static <T, R> Task<List<R>> start(List<? extends Task<? extends T>> tasks, boolean settled) {
        Objects.requireNonNull(tasks, "gather: the list of tasks must not be null");
        EventLoop loop = EventLoop.current();
        if (!settled && tasks instanceof RandomAccess && !tasks.isEmpty()) {
            ArrayList<Object> values = valuesIfAllSucceeded(tasks, loop);
            if (values != null) {
                // What accepting each child in turn would end with (asyncio: the last
                // _done_callback sets the result before gather() returns). Duplicates need no
                // detection here: a task passed twice gives its value in both slots either way.
                // No copy of the argument list either: a done gather never looks at it again.
                Gather<T, R> g = new Gather<>(loop, (Task<? extends T>[]) NO_CHILDREN, values.size(), false);
                g.finished = values.size();
                g.setValue((List<R>) values);
                return g;
            }
        }
        Task<? extends T>[] children = (Task<? extends T>[]) tasks.toArray(new Task<?>[0]);
        if (children.length == 0) {
            return Task.completed(new ArrayList<>());
        }
        // Duplicates are awaited once. Tasks of this loop are told apart by a mark bit set in this
        // pass and cleared in the next (no hashing: an identity map over 100k children cost more
        // than the children themselves); anything else goes through an identity map.
        Map<Task<?>, Boolean> others = null;
        int unique = 0;
        for (int i = 0; i < children.length; i++) {
            Task<?> c = children[i];
            if (c == null) {
                unmark(children, i);
                throw new NullPointerException("gather: the task at index " + i + " is null");
            }
            if (c instanceof FutureBase<?> f && f.loop == loop) {
                if ((f.flags & GATHER_MARK) == 0) {
                    f.flags |= GATHER_MARK;
                    unique++;
                }
                continue;
            }
            if (c instanceof FutureBase<?> f && f.loop != null) {
                unmark(children, i);
                throw new IllegalArgumentException("gather: the task at index " + i + " (" + c
                        + ") belongs to a different event loop; gather only tasks of the running loop");
            }
            if (others == null) {
                others = new IdentityHashMap<>();
            }
            if (others.put(c, Boolean.TRUE) == null) {
                unique++;
            }
        }
        // First occurrences in argument order; clears every mark before any other code runs.
        Task<?>[] firsts = new Task<?>[unique];
        int k = 0;
        for (Task<? extends T> c : children) {
            if (c instanceof FutureBase<?> f && f.loop == loop) {
                if ((f.flags & GATHER_MARK) != 0) {
                    f.flags &= ~GATHER_MARK;
                    firsts[k++] = c;
                }
            } else if (others.remove(c) != null) {
                firsts[k++] = c;
            }
        }
        Gather<T, R> g = new Gather<>(loop, children, unique, settled);
        int done = 0;
        for (Task<?> c : firsts) {
            if (c.isDone()) {
                firsts[done++] = c; // compacted in place: done ones are handled below, in order
            } else if (c instanceof FutureBase<?> f) {
                f.addWaiter(g);
            } else {
                ((Task<Object>) c).addDoneCallback(g);
            }
        }
        // asyncio 3.13 runs the done callback of a child that is already done right here, after the
        // gathering future exists (not through call_soon): when every child finished eagerly, the
        // gather is done before it is returned, and awaiting it does not suspend.
        for (int i = 0; i < done; i++) {
            g.accept(firsts[i]);
        }
        return g;
    }

    /**
     * The children's values in argument order if every one is a task of {@code loop} that already
     * succeeded (eagerly run children: one pass, no callbacks), else null (the general path, which
     * also reports bad arguments).
     */
    private static ArrayList<Object> valuesIfAllSucceeded(List<? extends Task<?>> children, EventLoop loop) {
        int n = children.size();
        ArrayList<Object> values = null; // allocated once the first child qualifies
        for (int i = 0; i < n; i++) {
            if (!(children.get(i) instanceof FutureBase<?> f) || f.loop != loop) {
                return null;
            }
            // A waiter with a take hook decides its result when it is read: leave it to accept().
            Object o = f.outcome;
            if (o == PENDING || o instanceof Failure || (f.flags & TAKE_HOOK) != 0) {
                return null;
            }
            if (values == null) {
                values = new ArrayList<>(n);
            }
            values.add(o);
        }
        return values;
    }

    /** Clears the duplicate marks set on {@code children[0..upTo)} (a bad argument aborts the gather). */
    private static void unmark(Task<?>[] children, int upTo) {
        EventLoop loop = EventLoop.current();
        for (int i = 0; i < upTo; i++) {
            if (children[i] instanceof FutureBase<?> f && f.loop == loop) {
                f.flags &= ~GATHER_MARK;
            }
        }
    }

    /** A child is done (run from the ready queue, as asyncio's done callbacks). */
    @Override
    @SuppressWarnings("unchecked")
    public void accept(Task<?> child) {
        finished++;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.exception(); // a sibling failed first: mark this failure retrieved
            }
            return;
        }
        if (!settled) {
            if (child.isCancelled()) {
                setFailure(cancelledError(child));
                return;
            }
            Throwable e = child.exception();
            if (e != null) {
                setFailure(e);
                return;
            }
        }
        if (finished < unique) {
            return;
        }
        List<Object> results = new ArrayList<>(children.length);
        for (Task<? extends T> c : children) {
            if (settled) {
                results.add(c.isCancelled() ? Outcome.failure(cancelledError(c))
                        : c.exception() != null ? Outcome.failure(c.exception()) : Outcome.success(c.result()));
            } else if (c instanceof FutureBase<?> f && (f.flags & TAKE_HOOK) == 0) {
                results.add(f.outcome); // every child succeeded, or the gather would have failed
            } else {
                results.add(c.result());
            }
        }
        if (cancelRequested) {
            // gather.cancel() reached the children but they all finished anyway: the caller asked
            // to cancel, so it gets CancelledError, not the list (bpo-32684).
            setFailure(new CancelledError(cancelMsg));
        } else {
            setValue((List<R>) results);
        }
    }

    /** asyncio raises a fresh CancelledError carrying the child's cancel message. */
    private static CancelledError cancelledError(Task<?> child) {
        Throwable e = child instanceof FutureBase<?> f ? f.peekFailure() : null;
        return new CancelledError(e == null ? null : e.getMessage());
    }

    @Override
    public boolean cancel(String msg) {
        loop.checkThread();
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Task<? extends T> c : children) {
            if (c.cancel(msg)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
            cancelMsg = msg;
        }
        return any;
    }

    @Override
    public String name() {
        return settled ? "gatherSettled" : "gather";
    }
}

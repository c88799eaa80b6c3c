package org.asyncio4j.processor.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * The world generated programs run in; the same class serves both runs of a program. Every
 * observable effect goes through here and is appended to {@link #trace}; every awaited task comes
 * from here, its outcome chosen by a hash of (program seed, site, occurrence), so the async run
 * and the reference run see the same outcomes in the same order.
 *
 * <p>Async run: "pending" outcomes are {@link Promise}s settled by a timer, so the machine really
 * suspends. Reference run: every task is already done with the same outcome, and {@code
 * ref.Await.on} reads it. Cancellation runs: at the {@link #cancelAt}-th pending task the async run
 * cancels the root task (which reaches that await through the chain of awaiting tasks); the
 * reference run makes that very task a cancelled one, which is the rule the issue states
 * (CancelledError at the current await, then the enclosing finally blocks and closes).
 *
 * <p>Single-threaded by construction (one loop, one program at a time): plain statics.
 */
public final class Fx {
    private Fx() {}

    static final int BUDGET = 4000;

    static boolean async;
    static long seed;
    static int pendingPct;
    static int failPct;
    static int cancelPct;
    static int cancelAt;
    static int suspensions;
    static int ops;
    static boolean overBudget;
    static Task<?> root;
    static final List<String> trace = new ArrayList<>();
    private static final Map<Integer, Integer> occurrences = new HashMap<>();

    /** Resets the world for one run. */
    static void reset(boolean asyncRun, long programSeed, int cancelAtSuspension) {
        async = asyncRun;
        seed = programSeed;
        long h = mix(programSeed, -1);
        pendingPct = 20 + (int) Math.floorMod(h, 50L);
        failPct = (int) Math.floorMod(h >>> 8, 16L);
        cancelPct = (int) Math.floorMod(h >>> 16, 5L);
        cancelAt = cancelAtSuspension;
        suspensions = 0;
        ops = 0;
        overBudget = false;
        root = null;
        trace.clear();
        occurrences.clear();
        taken.clear();
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void step() {
        if (++ops > BUDGET) {
            overBudget = true;
            throw new FxBudget();
        }
    }

    private static void add(String s) {
        step();
        trace.add(s);
    }

    // ------------------------------------------------------------------ observable values
    // (one name per type: overloads make javac attribute nested poly arguments once per candidate,
    // which is exponential in the nesting depth)

    public static int vi(int id, int x) {
        add(id + ":" + x);
        return x;
    }

    public static long vl(int id, long x) {
        add(id + ":" + x + "L");
        return x;
    }

    public static String vs(int id, String x) {
        add(id + ":\"" + x + "\"");
        return x;
    }

    public static boolean vb(int id, boolean x) {
        add(id + ":" + x);
        return x;
    }

    public static void log(int id, Object o) {
        add(id + ":" + (o instanceof Throwable t ? describe(t) : String.valueOf(o)));
    }

    /** Overloaded on purpose: logs which overload javac chose for the argument's static type (CALL_TYPES). */
    public static void see(int id, Object o) {
        add(id + ":see Object " + (o instanceof Throwable t ? describe(t) : String.valueOf(o)));
    }

    public static void see(int id, int x) {
        add(id + ":see int " + x);
    }

    public static void see(int id, long x) {
        add(id + ":see long " + x);
    }

    public static void see(int id, String s) {
        add(id + ":see String " + s);
    }

    /**
     * A receiver with instance methods returning tasks (planned like {@link #i}), reached through
     * fields and chains in generated programs (CALL_TYPES).
     */
    public static final class Src {
        public Task<Integer> i(int site, int x) {
            return task(site, x);
        }

        public Task<Long> l(int site, long x) {
            return task(site, x);
        }

        public Task<String> s(int site, String x) {
            return task(site, x);
        }

        public Src self(int site) {
            Fx.add(site + ":self");
            return this;
        }

        public int add(int site, int a, int b) {
            Fx.add(site + ":add(" + a + "," + b + ")");
            return a * 31 + b;
        }
    }

    /** A generic holder: the type of {@code get} comes from the field's type argument (CALL_TYPES). */
    public static final class Box<T> {
        public Task<T> get(int site, T x) {
            return task(site, x);
        }
    }

    /** A call with two arguments: shows their evaluation order (both were logged if observed). */
    public static int f(int id, int a, int b) {
        add(id + ":f(" + a + "," + b + ")");
        return a * 31 + b;
    }

    public static List<Integer> list(int id, int a, int b) {
        add(id + ":list(" + a + "," + b + ")");
        return List.of(a, b, a + b);
    }

    /**
     * An async source of a, b, a + b for {@code Await.each}: each hasNext() is a planned task (pending,
     * failed or cancelled like any other), next() and closeAsync(pending) are logged, the close's task planned.
     */
    public static org.asyncio4j.AsyncIterable<Integer> each(int site, int a, int b) {
        add(site + ":each(" + a + "," + b + ")");
        int[] items = {a, b, a + b};
        return () -> new org.asyncio4j.AsyncIterator<>() {
            int at;

            @Override
            public Task<Boolean> hasNext() {
                return task(site, at < items.length);
            }

            @Override
            public Integer next() {
                add(site + ":next " + items[at]);
                return items[at++];
            }

            @Override
            public Task<Void> closeAsync(Throwable pending) {
                add(site + ":eclose " + (pending == null ? "-" : describe(pending)));
                return task(site, null);
            }
        };
    }

    // ------------------------------------------------------------------ tasks

    public static Task<Integer> i(int site, int x) {
        return task(site, x);
    }

    public static Task<Long> l(int site, long x) {
        return task(site, x);
    }

    public static Task<String> s(int site, String x) {
        return task(site, x);
    }

    public static Task<Boolean> b(int site, boolean x) {
        return task(site, x);
    }

    /** An awaited {@code Object} (JDK 21 patterns: a selector or instanceof operand that was awaited). */
    public static Task<Object> o(int site, Object x) {
        return task(site, x);
    }

    /** An awaited value of the program's own type ({@code Sh}): the processor must infer {@code T}. */
    public static <T> Task<T> t(int site, T x) {
        return task(site, x);
    }

    /** The task itself, through a generic method whose T an equality decides ({@code Task<T>} given a {@code Task<X>}). */
    public static <T> Task<T> via(Task<T> task) {
        return task;
    }

    enum Kind { DONE, PENDING, FAIL_UNCHECKED, FAIL_CHECKED, CANCELLED }

    /** The planned outcome of this occurrence of {@code site}. */
    private static Kind plan(int site, boolean[] pending) {
        int n = occurrences.merge(site, 1, Integer::sum);
        long h = mix(seed ^ (site * 0x632BE59BD9B4E019L), n);
        int r = (int) Math.floorMod(h, 100L);
        pending[0] = Math.floorMod(h >>> 20, 100L) < pendingPct;
        if (r < cancelPct) {
            return Kind.CANCELLED;
        }
        if (r < cancelPct + failPct) {
            return (h & 0x10000) != 0 ? Kind.FAIL_CHECKED : Kind.FAIL_UNCHECKED;
        }
        return pending[0] ? Kind.PENDING : Kind.DONE;
    }

    private static <T> Task<T> task(int site, T x) {
        step();
        boolean[] pending = new boolean[1];
        Kind k = plan(site, pending);
        String tag = site + "." + occurrences.get(site);
        Throwable failure = switch (k) {
            case FAIL_UNCHECKED -> new FxUnchecked("u" + tag);
            case FAIL_CHECKED -> new FxChecked("c" + tag);
            case CANCELLED -> new CancelledError("planned " + tag);
            default -> null;
        };
        if (pending[0]) {
            suspensions++;
            if (suspensions == cancelAt) {
                if (!async) {
                    return Task.failed(new CancelledError("cancel run"));
                }
                EventLoop.current().callSoon(() -> root.cancel("cancel run"));
            }
        }
        if (!async || !pending[0]) {
            return failure == null ? Task.completed(x) : Task.failed(failure);
        }
        Promise<T> p = new Promise<>();
        long delay = 1 + Math.floorMod(mix(seed, site), 1000L);
        EventLoop.current().callLater(Duration.ofNanos(delay), () -> {
            if (failure instanceof CancelledError) {
                p.cancel();
            } else if (failure != null) {
                p.fail(failure);
            } else {
                p.complete(x);
            }
        });
        return p;
    }

    // ------------------------------------------------------------------ queues (QUEUES)

    /**
     * A queue that will hold {@code n} items, {@code first}, {@code first + 1}, ..., for a loop of
     * {@code Await.on(q.get())} right after it (the processor lowers that to {@code m.task(q, q.get())},
     * which lets the queue reuse a getter that waited). Each item is planned like a task: the items
     * before the first pending one are in the queue at once; from the first pending one on, each
     * arrives by a timer, later than the one before, so each of those gets really waits (and is a
     * suspension). Async cancellation run: the timer of the {@link #cancelAt}-th suspension cancels
     * the root instead, while the program waits on that very get. Reference run: a queue whose gets
     * are done at once, that one cancelled. The loop awaits nothing else, so the order holds.
     */
    public static org.asyncio4j.queue.AsyncQueue<Integer> q(int site, int n, int first) {
        add(site + ":q(" + n + "," + first + ")");
        int[] suspensionOf = new int[n]; // 0: the item is there at once
        boolean waiting = false;
        for (int i = 0; i < n; i++) {
            boolean[] pending = new boolean[1];
            plan(site, pending);
            waiting |= pending[0];
            if (waiting) {
                suspensionOf[i] = ++suspensions;
            }
        }
        if (!async) {
            return new org.asyncio4j.queue.AsyncQueue<>() {
                int at;

                @Override
                public Task<Integer> get() {
                    int i = at++;
                    return suspensionOf[i] == cancelAt && cancelAt > 0 ? Task.failed(new CancelledError("cancel run"))
                            : Task.completed(first + i);
                }
            };
        }
        org.asyncio4j.queue.AsyncQueue<Integer> q = new org.asyncio4j.queue.AsyncQueue<>();
        long base = 1 + Math.floorMod(mix(seed, site), 1000L);
        for (int i = 0; i < n; i++) {
            int item = first + i;
            if (suspensionOf[i] == 0) {
                q.putNowait(item);
            } else if (suspensionOf[i] == cancelAt) {
                EventLoop.current().callLater(Duration.ofNanos(base + 1000L * i), () -> root.cancel("cancel run"));
            } else {
                queueWaits++;
                EventLoop.current().callLater(Duration.ofNanos(base + 1000L * i), () -> q.putNowait(item));
            }
        }
        return q;
    }

    /**
     * A full one-slot queue (it holds -1) for a loop of {@code n} {@code Await.on(q.put(v))} right after it
     * ({@code m.task(q, q.put(v))}: a putter that waited is reused). Each put waits: a timer, later than
     * the one before, takes one item out to make room, and each put is a suspension, the
     * {@link #cancelAt}-th one cancelled as in {@link #q}. {@link #taken} shows what was put.
     */
    public static org.asyncio4j.queue.AsyncQueue<Integer> pq(int site, int n) {
        add(site + ":pq(" + n + ")");
        int[] suspensionOf = new int[n];
        for (int i = 0; i < n; i++) {
            plan(site, new boolean[1]);
            suspensionOf[i] = ++suspensions;
        }
        List<Integer> put = new ArrayList<>();
        if (!async) {
            org.asyncio4j.queue.AsyncQueue<Integer> q = new org.asyncio4j.queue.AsyncQueue<>() {
                int at;

                @Override
                public Task<Void> put(Integer item) {
                    int i = at++;
                    if (suspensionOf[i] == cancelAt && cancelAt > 0) {
                        return Task.failed(new CancelledError("cancel run"));
                    }
                    put.add(item);
                    return Task.completed(null);
                }
            };
            taken.put(q, put);
            return q;
        }
        org.asyncio4j.queue.AsyncQueue<Integer> q = new org.asyncio4j.queue.AsyncQueue<>(1);
        q.putNowait(-1);
        long base = 1 + Math.floorMod(mix(seed, site), 1000L);
        for (int i = 0; i < n; i++) {
            if (suspensionOf[i] == cancelAt) {
                EventLoop.current().callLater(Duration.ofNanos(base + 1000L * i), () -> root.cancel("cancel run"));
                break;
            }
            queueWaits++;
            EventLoop.current().callLater(Duration.ofNanos(base + 1000L * i), () -> {
                int x = q.getNowait();
                if (x != -1) {
                    put.add(x);
                }
            });
        }
        taken.put(q, put);
        return q;
    }

    private static final Map<Object, List<Integer>> taken = new java.util.IdentityHashMap<>();

    /** Queue gets and puts of async runs that waited (a getter or putter the queue may reuse), over a whole batch. */
    static long queueWaits;

    /** What was put into a {@link #pq} queue so far, in order (async run: taken by the timers, then the rest). */
    public static String taken(org.asyncio4j.queue.AsyncQueue<Integer> q) {
        List<Integer> put = taken.get(q);
        if (async) {
            while (!q.isEmpty()) {
                int x = q.getNowait();
                if (x != -1) {
                    put.add(x);
                }
            }
        }
        return put.toString();
    }

    // ------------------------------------------------------------------ resources

    public static Res res(int site) {
        add(site + ":open");
        return new Res(site);
    }

    public static ARes ares(int site) {
        add(site + ":aopen");
        return new ARes(site);
    }

    /** A sync resource: close() is logged and may fail (planned like a task). */
    public static final class Res implements AutoCloseable {
        final int site;

        Res(int site) {
            this.site = site;
        }

        public int get() {
            add(site + ":get");
            return site;
        }

        @Override
        public void close() {
            add(site + ":close");
            boolean[] pending = new boolean[1];
            Kind k = plan(site, pending);
            if (k == Kind.FAIL_CHECKED || k == Kind.FAIL_UNCHECKED) {
                throw new FxUnchecked("close" + site + "." + occurrences.get(site));
            }
        }
    }

    /** An async resource: closeAsync(pending) is logged with what is pending; its task is planned. */
    public static final class ARes implements AsyncCloseable {
        final int site;

        ARes(int site) {
            this.site = site;
        }

        public int get() {
            add(site + ":aget");
            return site;
        }

        @Override
        public Task<Void> closeAsync(Throwable pending) {
            add(site + ":aclose " + (pending == null ? "-" : describe(pending)));
            return task(site, null);
        }
    }

    // ------------------------------------------------------------------ outcomes

    /** CPU time of this thread (the machine is shared: wall time says little). */
    static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Rethrows {@code t} unchanged, checked or not. */
    @SuppressWarnings("unchecked")
    static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
        throw (X) t;
    }

    /** Class, message (not for CancelledError, whose message is the runtime's) and suppressed ones. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (!(t instanceof CancelledError)) {
            sb.append(':').append(t.getMessage());
        }
        for (Throwable s : t.getSuppressed()) {
            sb.append(" +[").append(describe(s)).append(']');
        }
        return sb.toString();
    }
}

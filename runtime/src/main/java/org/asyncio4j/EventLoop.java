package org.asyncio4j;

import org.asyncio4j.spi.IoDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The event loop: one thread, a ready queue, a timer heap, and (once I/O is used) a NIO selector.
 *
 * <p>All methods except {@link #callSoonThreadsafe}, {@link #isRunning()} and {@link #isClosed()}
 * must be called on the loop's thread; they throw {@link IllegalStateException} otherwise.
 */
public final class EventLoop {
    private static final System.Logger LOG = System.getLogger("org.asyncio4j");
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    /** Eager starts nest on the Java stack; past this depth a start is queued instead (no overflow). */
    static final int MAX_EAGER_DEPTH = 200;
    /** Cancels nest on the Java stack (task, gather, task, ...); past this depth they are set aside. */
    static final int MAX_CANCEL_DEPTH = 200;
    static final String DESTROYED_PENDING = "Task was destroyed but it is pending!";

    private final Clock clock;
    private final ReadyQueue ready = new ReadyQueue();
    private final TimerHeap timers = new TimerHeap();
    private final ConcurrentLinkedQueue<Runnable> injected = new ConcurrentLinkedQueue<>();
    /**
     * Set (after the add) by every thread that queues into {@link #injected}, cleared by the loop
     * before it drains the queue: one volatile read per iteration instead of two walks of the
     * concurrent queue. A callback added concurrently with a drain is either drained then or
     * leaves the flag set for the next iteration; it is never missed.
     */
    private volatile boolean injectedPending;
    private final LiveTasks live = new LiveTasks();
    private final UnretrievedReports unretrieved = new UnretrievedReports(this);

    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean closed;
    /** The thread parked in {@link #poll} (the loop's, or a host's waiter), or null: who {@link #wakeup} unparks. */
    private volatile Thread parkedThread;
    /** The host the loop lives inside (a GUI's event thread), or null: the loop blocks its own thread. */
    private final LoopHost host;
    /** True while {@link LoopHost#idle} runs: the host's own code on the loop thread must wake the wait. */
    private boolean hostIdle;
    /** Set by {@link #wakeup} under a host, cleared as an idle starts: a wake before the waiter parks is kept. */
    private volatile boolean wakeRequested;
    private Selector selector;
    private IoDriver io;

    Coroutine<?> currentTask;
    int eagerDepth;
    /** The ContextVar context of the task or callback running now; null: {@link #rootContext()}. */
    Context context;
    /** The root context of the thread running the loop (made when contextvars are first used). */
    private Context rootContext;
    /** Nesting of Coroutine.cancel calls on the stack (gather's cancel and a task's call each other). */
    int cancelDepth;
    /** Who started the cancel running now (null between cancels): every CancelledError it makes carries it. */
    CancelOrigin cancelOrigin;
    /**
     * Set by runtime code around a cancel it makes on its own behalf (a TaskGroup aborting, a Timeout
     * expiring): names that cause instead of the running task. A {@link CancelOrigin} here is reused.
     */
    Object cancelReason;
    /** The coroutines on the path of the cancel running now (marked {@link Coroutine#CANCEL_PATH}). */
    private final ArrayList<Coroutine<?>> cancelPath = new ArrayList<>();
    /** Cancels set aside past {@link #MAX_CANCEL_DEPTH}: (coroutine, message) pairs, or null. */
    private ArrayDeque<Object> deferredCancels;
    /** Coroutines cancelled from {@link #deferredCancels}, marked until the outermost cancel ends. */
    private ArrayList<Coroutine<?>> deferredDone;
    private int taskIds;
    private ExceptionHandler exceptionHandler;
    /** Debug mode's state (RunOptions.debug()), or null: the normal path checks it once per step. */
    Debug debug;
    private volatile ExecutorService defaultExecutor;

    private EventLoop(Clock clock, LoopHost host) {
        this.clock = clock;
        this.host = host;
        this.thread = Thread.currentThread();
        Warmup.reporting(LOG); // while descriptors are plentiful (issue 18 item 6)
    }

    /**
     * Builds loops for the explicit style: {@code EventLoop.builder().clock(c).build()}.
     * @return a new builder with the system clock, no exception handler and default run options
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures and builds an {@link EventLoop} (see {@link EventLoop#builder()}); each setter returns this builder.
     */
    public static final class Builder {
        private Clock clock = Clock.system();
        private ExceptionHandler handler;
        private RunOptions options;
        private LoopHost host;

        private Builder() {}

        /**
         * Makes the loop live inside {@code host}'s event thread (a GUI toolkit's): it runs there and
         * never blocks it; see {@link LoopHost}. Also set by {@link #options} when they name a host.
         *
         * @param host the host whose thread the loop runs in; not null
         * @return this builder
         */
        public Builder host(LoopHost host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets the loop's clock: {@link Clock#system()} (the default) or a {@link org.asyncio4j.testing.VirtualClock}
         * for tests.
         * @param clock the clock the loop reads its time from and waits on; not null
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the handler for errors nobody else can receive, as {@link EventLoop#setExceptionHandler}.
         * @param handler the handler, or null to log them through {@link System.Logger} (the default)
         * @return this builder
         */
        public Builder exceptionHandler(ExceptionHandler handler) {
            this.handler = handler;
            return this;
        }

        /**
         * Takes the clock and the debug settings of {@code options} (see {@link RunOptions}).
         * @param options the run options; not null. Replaces any clock set before with {@code options.clock()}
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(RunOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            this.clock = options.clock();
            if (options.host() != null) {
                this.host = options.host();
            }
            return this;
        }

        /**
         * Creates the loop. It belongs to the calling thread until a run makes the running thread its own; its
         * loop-only methods may be called only from that thread.
         * @return a new, open loop that is not running yet
         */
        public EventLoop build() {
            EventLoop loop = new EventLoop(clock, host);
            loop.exceptionHandler = handler;
            loop.debug = (options != null ? options : RunOptions.defaults()).newDebug(loop);
            return loop;
        }
    }

    // ------------------------------------------------------------------ identity and checks

    /**
     * The loop running on this thread; {@link IllegalStateException} if none.
     * @return the loop whose task or callback is running on the calling thread
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static EventLoop current() {
        EventLoop l = RUNNING.get();
        if (l == null) {
            throw new IllegalStateException("no running event loop on thread " + Thread.currentThread().getName()
                    + ": start one with Asyncio.run(() -> main()) and call this from code it runs");
        }
        return l;
    }

    /** The loop running on this thread, or null. */
    static EventLoop currentOrNull() {
        return RUNNING.get();
    }

    /**
     * Whether the calling thread is this loop's thread, the only one that may call its loop-bound methods.
     *
     * @return true on the loop's own thread
     */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** Throws a clear error for a loop-only API used from another thread. */
    void checkThread() {
        if (Thread.currentThread() != thread) {
            throw offThread("event loop method");
        }
    }

    /** As {@link #checkThread()}, naming the method called ("Event.set()"). */
    void checkThread(String what) {
        if (Thread.currentThread() != thread) {
            throw offThread(what);
        }
    }

    /** The error for {@code what} called from a thread other than the loop's. */
    IllegalStateException offThread(String what) {
        return new IllegalStateException(what + " called from thread '" + Thread.currentThread().getName()
                + "', but it belongs to the event loop of thread '" + thread.getName() + "'; it is not thread-safe."
                + " From other threads use loop.callSoonThreadsafe(() -> ...) (or EventLoop.submit(...) to run a task"
                + " there); only callSoonThreadsafe, submit and Promise.complete/fail may be called from any thread");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    /**
     * Whether the loop is inside {@link #runUntilComplete} (or {@link Asyncio#run}) right now.
     * @return true while the loop is running, false before, between and after runs
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether {@link #close()} has run; a closed loop accepts no more callbacks or tasks.
     * @return true once the loop is closed
     */
    public boolean isClosed() {
        return closed;
    }

    Coroutine<?> currentTask() {
        checkThread();
        return currentTask;
    }

    // ------------------------------------------------------------------ time and scheduling

    /**
     * The loop's time in nanoseconds (its clock's, not wall-clock time).
     * @return the current loop time in nanoseconds; only differences between two readings are meaningful
     */
    public long time() {
        return clock.nanoTime();
    }

    /**
     * The clock this loop was built with.
     * @return the loop's clock, never null
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Runs {@code callback} on the next iteration, after the callbacks already ready (FIFO).
     * @param callback the code to run on the loop thread; not null
     * @return a handle whose {@link Handle#cancel()} drops the callback if it has not run yet
     * @throws IllegalStateException if called from a thread other than the loop's, or if the loop is closed
     */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkThread();
        checkOpen();
        Handle h = new Handle(callback);
        if (Context.inUse) {
            h.context = currentContext().copy(); // asyncio: call_soon runs the callback in copy_context()
        }
        ready.add(h);
        if (hostIdle) {
            wakeup();
        }
        return h;
    }

    /**
     * Runs {@code callback} after {@code delay}; zero and negative delays mean "due now".
     * @param delay how long from now; not null ({@link Duration#ZERO} for "as soon as possible")
     * @param callback the code to run on the loop thread; not null
     * @return a handle that tells the due time ({@link TimerHandle#when()}) and cancels the call
     * @throws IllegalStateException if called from a thread other than the loop's, or if the loop is closed
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "delay must not be null (use Duration.ZERO for 'as soon as possible')");
        return callAt(time() + Durations.toNanos(delay), callback);
    }

    /**
     * Runs {@code callback} at loop time {@code when} (nanoseconds, as {@link #time()}).
     * @param when the loop time to run at, in nanoseconds as {@link #time()} returns; a time already past means "due
     *     now"
     * @param callback the code to run on the loop thread; not null
     * @return a handle that tells the due time ({@link TimerHandle#when()}) and cancels the call
     * @throws IllegalStateException if called from a thread other than the loop's, or if the loop is closed
     */
    public TimerHandle callAt(long when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkThread();
        checkOpen();
        TimerHandle h = new TimerHandle(this, when, callback);
        if (Context.inUse) {
            h.context = currentContext().copy(); // asyncio: call_soon runs the callback in copy_context()
        }
        timers.push(when, h);
        if (hostIdle) {
            wakeup();
        }
        return h;
    }

    /**
     * The only loop method other threads may call: queues {@code callback} for the loop's next
     * iteration and wakes the loop if it is waiting.
     * @param callback the code to run on the loop thread; not null
     * @throws IllegalStateException if the loop is closed (the callback was not queued)
     */
    public void callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (closed) {
            throw new IllegalStateException("the event loop is closed; callSoonThreadsafe(" + callback + ") was not queued");
        }
        injected.add(callback);
        injectedPending = true;
        wakeup();
    }

    /**
     * asyncio's {@code run_coroutine_threadsafe}: callable from any thread, runs {@code body} as a
     * task of this loop (created through {@link #callSoonThreadsafe}, its first step on the
     * iteration after, as {@code createTask}) and returns a future completed with the task's
     * outcome. Cancel travels both ways: cancelling the future cancels the task (before it started:
     * the body never runs), and a task that ends cancelled cancels the future. Do not block the
     * loop's own thread on the future: the task could never run. Throws
     * {@link IllegalStateException} if the loop is closed.
     * @param <T> the task's result type
     * @param body makes the task's {@link Task} when called on the loop thread (usually an {@code @Async} method call);
     *     not null
     * @return a future completed with the task's result, failed with its failure, or cancelled when it is cancelled
     */
    public <T> java.util.concurrent.CompletableFuture<T> submit(Supplier<? extends Task<T>> body) {
        Objects.requireNonNull(body, "EventLoop.submit(null): pass the task's body, e.g. () -> fetch(url)");
        java.util.concurrent.CompletableFuture<T> cf = new java.util.concurrent.CompletableFuture<>();
        // As run_coroutine_threadsafe: the task's context is a copy of the submitting thread's.
        callSoonThreadsafe(new Submitted<>(this, body, cf, Context.inUse ? Context.current().copy() : null));
        return cf;
    }

    /**
     * As {@link #callSoonThreadsafe}, but returns false instead of throwing when the loop is closed
     * (a Promise completed by another thread while its loop shuts down). A callback that races
     * with close() may be queued and never run, which is what closing means.
     */
    boolean callSoonThreadsafeIfOpen(Runnable callback) {
        if (closed) {
            return false;
        }
        injected.add(callback);
        injectedPending = true;
        wakeup();
        return true;
    }

    private void wakeup() {
        if (Thread.currentThread() == thread && !hostIdle) {
            return; // the loop is running code on its own thread: it will see the work without waking
        }
        if (host != null) {
            wakeRequested = true;
        }
        Selector s = selector;
        if (s != null) {
            s.wakeup(); // sticky: a select that has not begun yet returns at once
        }
        Thread t = parkedThread; // under a host the selector may open while the waiter is parked
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Puts a waiter of {@code done} on the ready queue (coroutines directly, callbacks wrapped). */
    void scheduleWaiter(Object waiter, FutureBase<?> done) {
        if (waiter instanceof Coroutine<?>) {
            if (waiter instanceof SupplierTask<?> s && s.isMerged()) {
                s.finishMerged(); // one task per body: the handle completes with its body, in this pass
                return;
            }
            ready.add(waiter);
        } else {
            ready.add(new CallbackRun(waiter, done));
        }
        if (hostIdle) {
            wakeup(); // a host's event (a button's listener) completed something a task awaits
        }
    }

    /** Queues an internal entry (coroutine step, sleep to fire, runnable) without a Handle. */
    void schedule(Object entry) {
        assert inEventLoop();
        ready.add(entry);
        if (hostIdle) {
            wakeup();
        }
    }

    /** Puts {@code entry} in the timer heap; returns its sequence there (see {@link TimerHeap#push}). */
    int scheduleTimer(long when, Object entry) {
        assert inEventLoop();
        int seq = timers.push(when, entry);
        if (hostIdle) {
            wakeup();
        }
        return seq;
    }

    /**
     * Under a host, while it idles (its own code, a listener, runs on the loop thread and the loop's
     * wait runs elsewhere): wakes that wait and returns true. The I/O driver calls it when such code
     * changes what the selector waits for, which an ongoing select would not see.
     */
    boolean wakeIfHostIdle() {
        if (hostIdle) {
            wakeup();
            return true;
        }
        return false;
    }

    /** Counts a cancelled timer entry; the heap drops them when it next settles. */
    void timerCancelled() {
        timers.noteCancelled();
    }

    // ------------------------------------------------------------------ cancel bookkeeping (Coroutine.cancel)

    int cancelPathSize() {
        return cancelPath.size();
    }

    void markCancelPath(Coroutine<?> c) {
        c.flags |= Coroutine.CANCEL_PATH;
        cancelPath.add(c);
    }

    /** Unmarks the path entries from {@code base} on (those a finished cancel pushed). */
    void unmarkCancelPath(int base) {
        for (int i = cancelPath.size() - 1; i >= base; i--) {
            Coroutine<?> c = cancelPath.remove(i);
            c.flags &= ~Coroutine.CANCEL_PATH;
        }
    }

    void deferCancel(Coroutine<?> c, String msg) {
        if (deferredCancels == null) {
            deferredCancels = new ArrayDeque<>();
        }
        deferredCancels.add(c);
        deferredCancels.add(msg == null ? NO_MESSAGE : msg);
    }

    private static final Object NO_MESSAGE = new Object();

    /**
     * Runs the cancels set aside by deep nesting, each from a shallow stack, once the outermost
     * cancel is done. Each coroutine so cancelled stays marked until all are done, so a cycle of
     * awaits longer than the depth limit ends too (it would come back to a marked task).
     */
    void runDeferredCancels() {
        ArrayDeque<Object> q = deferredCancels;
        if (q == null || q.isEmpty() || deferredDone != null) {
            return; // nothing set aside, or already draining further up the stack
        }
        deferredDone = new ArrayList<>();
        try {
            while (!q.isEmpty()) {
                Coroutine<?> c = (Coroutine<?>) q.poll();
                Object m = q.poll();
                if (c.outcome != FutureBase.PENDING || (c.flags & Coroutine.CANCEL_PATH) != 0) {
                    continue;
                }
                cancelDepth = 1;
                try {
                    c.cancelWalk(m == NO_MESSAGE ? null : (String) m);
                } finally {
                    unmarkCancelPath(0);
                    cancelDepth = 0;
                }
                c.flags |= Coroutine.CANCEL_PATH;
                deferredDone.add(c);
            }
        } finally {
            for (Coroutine<?> c : deferredDone) {
                c.flags &= ~Coroutine.CANCEL_PATH;
            }
            deferredDone = null;
            q.clear();
        }
    }

    /** The context of code that runs on the loop outside any task: the loop thread's root context. */
    Context rootContext() {
        Context c = rootContext;
        if (c == null) {
            c = inEventLoop() ? Context.threadRoot() : new Context();
            rootContext = c;
        }
        return c;
    }

    /** The context current on the loop now (the running task's or callback's, else the root). */
    Context currentContext() {
        Context c = context;
        return c != null ? c : rootContext();
    }

    int nextTaskId() {
        return ++taskIds;
    }

    /** The id of the task made last (tasks made later have larger ids). */
    int lastTaskId() {
        return taskIds;
    }

    LiveTasks live() {
        return live;
    }

    // ------------------------------------------------------------------ errors

    /**
     * Sets the handler for errors nobody else can receive (asyncio's exception handler).
     * @param handler receives each {@link ErrorReport}; null restores the default (logging through
     *     {@link System.Logger})
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /**
     * Reports an error that has no one to propagate to. Never throws: a failing handler is logged.
     * May be called from any thread (the unretrieved-failure cleaner calls it).
     * @param message what went wrong, in words
     * @param exception the error, or null if there is none
     * @param task the task the error belongs to, or null
     */
    public void callExceptionHandler(String message, Throwable exception, Task<?> task) {
        report(message, exception, task == null ? null : task.name());
    }

    /** Never throws (the loop must survive its own reports, e.g. when descriptors ran out). */
    void report(String message, Throwable exception, String taskName) {
        ErrorReport report = new ErrorReport(message, exception, taskName, this);
        ExceptionHandler h = exceptionHandler;
        if (h != null) {
            try {
                h.handle(report);
                return;
            } catch (Throwable t) {
                log("Unhandled error in exception handler " + h, t);
            }
        }
        log(report.toString(), exception);
    }

    /** Logs; if logging itself fails (no descriptor to load what it needs), prints to System.err. */
    private static void log(String message, Throwable exception) {
        try {
            LOG.log(System.Logger.Level.ERROR, message, exception);
        } catch (Throwable logFailed) {
            try {
                // PrintStream does not throw; it records its own errors.
                System.err.println("asyncio4j ERROR: " + message + " (logging failed: " + logFailed + ")");
                if (exception != null) {
                    exception.printStackTrace();
                }
            } catch (Throwable ignored) {
                // Nothing is left to report through; the loop must go on.
            }
        }
    }

    Unretrieved trackUnretrieved(FutureBase<?> future, Throwable error) {
        return unretrieved.track(future, error);
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code main} as a task on this loop, on the calling thread, until it is done; returns its
     * result or rethrows its failure. Does not clean up leftover tasks (that is {@link Asyncio#run}).
     * @param <T> the result type of {@code main}
     * @param main makes the main task when called on the loop thread (usually an {@code @Async} method call); not null
     * @return the main task's result
     * @throws IllegalStateException if the loop is closed, already running, or another loop runs on this thread
     */
    public <T> T runUntilComplete(Supplier<? extends Task<T>> main) {
        Objects.requireNonNull(main, "main");
        enterRun();
        try {
            SupplierTask<T> task = new SupplierTask<>(this, main);
            task.scheduleFirstStep();
            while (!task.isDone()) {
                runOnce();
            }
            // asyncio stops the loop from a done callback of the main task, so the callbacks made
            // ready with it (the task's own done callbacks, what its end woke) run in one more
            // iteration, which does not wait: done callbacks on main's machine are not dropped.
            runOnce(true);
            return task.result();
        } finally {
            exitRun();
        }
    }

    /** Runs iterations until every task in {@code tasks} is done (Asyncio.run's final cleanup). */
    void runUntilAllDone(java.util.Collection<? extends Task<?>> tasks) {
        enterRun();
        try {
            for (Task<?> t : tasks) {
                while (!t.isDone()) {
                    runOnce();
                }
            }
            // As after main (runUntilComplete): asyncio stops from the gather's done callback, so the
            // callbacks made ready as the tasks ended (their done callbacks: a submit's future) still run
            runOnce(true);
        } finally {
            exitRun();
        }
    }

    /** Makes the calling thread this loop's thread, for one run; a loop runs one at a time per thread. */
    private void enterRun() {
        checkOpen();
        if (RUNNING.get() != null) {
            throw new IllegalStateException("cannot run an event loop while another loop is running on this thread"
                    + " (Asyncio.run/runUntilComplete cannot be nested): await the task instead");
        }
        if (running) {
            throw new IllegalStateException("this event loop is already running on thread " + thread.getName());
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        running = true;
        if (debug != null) {
            debug.loopStarted(thread);
        }
    }

    private void exitRun() {
        rootContext = null;
        context = null;
        running = false;
        RUNNING.remove();
        if (debug != null) {
            debug.loopStopped();
        }
    }

    /**
     * Whether this loop runs in debug mode ({@link RunOptions#debug()}, or {@code -Dasyncio4j.debug=true}).
     * @return true if this loop checks slow steps, creation sites and unawaited tasks (debug mode)
     */
    public boolean isDebug() {
        return debug != null;
    }

    /**
     * A dump of every pending task: its name, what it waits on, the source line it is suspended at,
     * who awaits it (and, in debug mode, where it was created). Callable from any thread, e.g. a
     * management endpoint: the loop computes it between two steps; if the loop does not answer within
     * two seconds (a step is stuck), the dump is read without it and says so.
     * @return a multi-line, human-readable listing of the pending tasks ("no pending tasks" when there are none)
     */
    public String dumpTasks() {
        if (inEventLoop() || !running) {
            return TaskDump.dump(this, debug);
        }
        java.util.concurrent.CompletableFuture<String> f = new java.util.concurrent.CompletableFuture<>();
        try {
            callSoonThreadsafe(() -> f.complete(TaskDump.dump(this, debug)));
            return f.get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException stuck) {
            return "(the event loop did not answer within 2 s, so this was read while it runs a step: it may be"
                    + " inconsistent)\n" + TaskDump.dump(this, debug);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event loop's task dump", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the task dump failed", e.getCause());
        }
    }

    /**
     * One iteration (asyncio's {@code _run_once}):
     * <ol>
     * <li>compute how long to wait: 0 if anything is ready, else until the next timer;
     * <li>wait for I/O or a cross-thread wake-up that long (a virtual clock jumps instead);
     * <li>move callbacks queued by other threads, then due timers, behind the ready callbacks;
     * <li>run exactly the callbacks that are ready now; what they schedule waits for the next pass.
     * </ol>
     */
    void runOnce() {
        runOnce(false);
    }

    /** One iteration; {@code noWait}: poll for I/O without blocking and do not jump a virtual clock. */
    private void runOnce(boolean noWait) {
        if (io == null && timers.isEmpty() && !injectedPending && !ready.isEmpty() && host == null) {
            // Nothing to wait for or to collect: steps 1-3 are no-ops (the common case of tasks
            // handing work to each other), so go straight to the ready callbacks.
            runReady();
            return;
        }
        long timeout; // nanoseconds; -1 = no limit
        if (!ready.isEmpty() || injectedPending || noWait) {
            timeout = 0;
        } else if (timers.hasLive()) {
            timeout = Math.max(0, timers.peekWhen() - clock.nanoTime());
        } else {
            timeout = -1;
        }
        if (timeout > 0 && clock.isVirtual()) {
            // Autojump: first collect anything already waiting (I/O, other threads), then jump.
            poll(0);
            // The queue itself, not the flag: a callback added but not yet flagged must still
            // stop the clock from jumping past it.
            if (injected.isEmpty() && ready.isEmpty() && timers.hasLive()) {
                clock.advanceTo(timers.peekWhen());
            }
        } else {
            poll(timeout);
        }
        if (injectedPending) {
            injectedPending = false;
            Runnable r;
            while ((r = injected.poll()) != null) {
                ready.add(r);
            }
        }
        if (timers.hasLive()) {
            // Read the clock only when a timer could be due: System.nanoTime costs as much as
            // the rest of an iteration.
            long now = clock.nanoTime();
            Object e;
            while ((e = timers.pollDue(now)) != null) {
                if (e instanceof Coroutine<?> c) {
                    c.awaiting = MachineSleep.DUE; // a machine's own sleep: its run from here is the timer's
                }
                ready.add(e);
            }
        }
        runReady();
    }

    /** Runs exactly the callbacks ready now; what they schedule waits for the next iteration. */
    private void runReady() {
        Debug d = debug;
        for (int n = ready.size(); n > 0; n--) {
            if (d == null) {
                runEntry(ready.poll());
            } else {
                d.runEntry(ready.poll());
            }
        }
    }

    void runEntry(Object e) {
        try {
            if (e instanceof Coroutine<?> c) {
                c.step(); // the common entry: a direct call, one virtual dispatch (resume) fewer
            } else if (e instanceof FutureBase<?> f) {
                f.runFromReady();
            } else if (e instanceof Handle h) {
                h.fire(this);
            } else {
                ((Runnable) e).run();
            }
        } catch (StackOverflowError deep) {
            // Survivable: the stack has unwound to here. Reported like any failing callback, as
            // asyncio reports a RecursionError and keeps running (docs/asyncio-differences.md).
            callExceptionHandler("Exception in callback " + e, deep, null);
        } catch (VirtualMachineError fatal) {
            throw fatal; // OutOfMemoryError, InternalError: the JVM itself is in doubt; the run ends
        } catch (Throwable t) {
            callExceptionHandler("Exception in callback " + e, t, null);
        }
    }

    /** Waits up to {@code timeoutNanos} (-1: indefinitely) for I/O or a cross-thread wake-up. */
    private void poll(long timeoutNanos) {
        if (host != null) {
            hostPoll(timeoutNanos);
            return;
        }
        if (io != null) {
            io.select(timeoutNanos);
            return;
        }
        if (timeoutNanos == 0) {
            return;
        }
        park(timeoutNanos);
    }

    /** Parks the calling thread up to {@code timeoutNanos} (-1: until woken); returns early on a wake-up. */
    private void park(long timeoutNanos) {
        parkedThread = Thread.currentThread();
        try {
            if (!injected.isEmpty() || wakeRequested) {
                return;
            }
            if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            parkedThread = null;
        }
    }

    /**
     * Under a host the loop thread never blocks: with work ready the host may run its queued events
     * ({@link LoopHost#busy}); otherwise the host runs its events while a thread of its own performs
     * the loop's wait ({@link LoopHost#idle}). Ready I/O is then dispatched here, on the loop thread.
     */
    private void hostPoll(long timeoutNanos) {
        if (timeoutNanos == 0) {
            host.busy();
        } else {
            IoDriver d = io;
            wakeRequested = false;
            hostIdle = true;
            try {
                host.idle(() -> {
                    if (d != null) {
                        d.awaitReady(timeoutNanos); // readiness only: handlers run on the loop thread below
                    } else {
                        park(timeoutNanos);
                    }
                });
            } finally {
                hostIdle = false;
            }
        }
        if (io != null) {
            io.select(0);
        }
    }

    /**
     * The loop's selector driver, opened on first use of I/O.
     * @return the driver that waits on this loop's sockets and pipes
     */
    public IoDriver io() {
        checkThread();
        checkOpen();
        if (io == null) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the event loop's selector", e);
            }
            io = new IoDriver(this, selector, this::wakeIfHostIdle);
            Warmup.io();
        }
        return io;
    }

    // ------------------------------------------------------------------ executors

    /**
     * Runs {@code work} on {@code executor} (null: the default executor) and completes on the loop.
     * Cancelling the returned task cancels the job: one not yet started never runs (and leaves a
     * {@link java.util.concurrent.ThreadPoolExecutor}'s queue at once); one already running runs
     * on and its result is dropped, as asyncio's {@code run_in_executor}. A failure of such a
     * dropped job goes to the exception handler rather than nowhere.
     * @param <T> the job's result type
     * @param executor where {@code work} runs, or null for the loop's default executor (one created on first use)
     * @param work the blocking job; not null. Its exception becomes the task's failure
     * @return a task that completes on the loop with the job's result or failure
     */
    public <T> Task<T> runInExecutor(Executor executor, Callable<T> work) {
        Objects.requireNonNull(work, "work");
        checkThread();
        checkOpen();
        Executor ex = executor != null ? executor : defaultExecutor();
        Promise<T> p = new Promise<>(this);
        ExecutorJob<T> job = new ExecutorJob<>(work, p, this);
        p.onCancel(() -> job.cancelBy(ex));
        try {
            ex.execute(job);
        } catch (RejectedExecutionException e) {
            p.fail(e);
        }
        return p;
    }

    ExecutorService defaultExecutor() {
        ExecutorService ex = defaultExecutor;
        if (ex == null) {
            ex = DefaultExecutor.create();
            defaultExecutor = ex;
        }
        return ex;
    }

    void shutdownDefaultExecutor() {
        ExecutorService ex = defaultExecutor;
        if (ex != null) {
            ex.shutdown();
            try {
                while (!ex.awaitTermination(300, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "the default executor did not finish joining its threads within 300 seconds");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes the loop: reports failures nobody retrieved, closes the selector and shuts the default
     * executor down. Pending callbacks are dropped (as asyncio). Idempotent.
     */
    public void close() {
        if (running) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        // asyncio logs "Task was destroyed but it is pending!" when such a task is collected; here
        // the loop holds its pending tasks until they finish, so closing is when they are dropped.
        // (Asyncio.run cancels and awaits them first, so it never gets here with any left.)
        live.forEach(t -> report(DESTROYED_PENDING, null, t.name()));
        unretrieved.reportAll();
        closed = true;
        abandonQueuedSubmissions();
        if (io != null) {
            io.closeAll();
        }
        shutdownDefaultExecutor();
    }

    /**
     * Callbacks still queued at close never run. For an {@link #submit} that means a future nobody
     * would ever complete: it is cancelled instead, so the submitting thread is not left waiting.
     */
    private void abandonQueuedSubmissions() {
        Runnable r;
        while ((r = injected.poll()) != null) {
            if (r instanceof Submitted<?> s) {
                s.abandon();
            }
        }
        while (!ready.isEmpty()) {
            if (ready.poll() instanceof Submitted<?> s) {
                s.abandon();
            }
        }
    }

    List<Task<?>> allTasks() {
        checkThread();
        List<Task<?>> out = new ArrayList<>();
        live.forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return "EventLoop[" + (closed ? "closed" : running ? "running" : "idle") + ", ready=" + ready.size()
                + ", timers=" + timers.size() + ", clock=" + clock + "]";
    }
}

package org.asyncio4j;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The asyncio module: entry point, tasks, sleeping and the combinators. */
public final class Asyncio {
    private Asyncio() {}

    // ------------------------------------------------------------------ running

    /**
     * {@code asyncio.run(main())}: runs {@code main} on a new loop on this thread with the system
     * clock. See {@link #run(Supplier, Clock)}.
     *
     * @param <T> the result type
     * @param main the program: typically {@code () -> new AsyncApp().main()}, an {@code @Async} call
     * @return main's result (its failure is rethrown unchanged)
     */
    public static <T> T run(Supplier<? extends Task<T>> main) {
        return run(main, Clock.system());
    }

    /**
     * Runs {@code main} on a new event loop driven by {@code clock}, on the calling thread: runs it to
     * completion, then cancels the tasks still pending and waits for them, reports leftover failures,
     * shuts the default executor down and closes the loop. Returns main's result or rethrows its
     * failure unchanged. Throws {@link IllegalStateException} when called inside a running loop.
     *
     * @param <T> the result type
     * @param main the program: typically {@code () -> new AsyncApp().main()}, an {@code @Async} call
     * @param clock the loop's clock, e.g. {@code new VirtualClock()} in tests
     * @return main's result
     */
    public static <T> T run(Supplier<? extends Task<T>> main, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return run(main, RunOptions.defaults().clock(clock));
    }

    /**
     * Runs {@code main} as {@link #run(Supplier, Clock)} does, with the clock and debug settings of
     * {@code options}, e.g. {@code Asyncio.run(main, RunOptions.debug())}: slow steps reported, a
     * watchdog for stuck ones, creation sites in reports (see {@link RunOptions}).
     *
     * @param <T> the result type
     * @param main the program: typically {@code () -> new AsyncApp().main()}, an {@code @Async} call
     * @param options the clock and debug settings
     * @return main's result
     */
    public static <T> T run(Supplier<? extends Task<T>> main, RunOptions options) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(options, "options");
        if (EventLoop.currentOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop:"
                    + " await the task (Await.on(...)) or use Asyncio.createTask(...) instead");
        }
        EventLoop loop = EventLoop.builder().options(options).build();
        try {
            return loop.runUntilComplete(main);
        } finally {
            try {
                Shutdown.cancelAllTasks(loop);
            } finally {
                loop.close();
            }
        }
    }

    /**
     * {@link EventLoop#dumpTasks()} of the running loop: every pending task and its await chain.
     *
     * @return one paragraph per pending task (see {@link EventLoop#dumpTasks()})
     */
    public static String dumpTasks() {
        return EventLoop.current().dumpTasks();
    }

    // ------------------------------------------------------------------ tasks

    /**
     * {@code create_task}: {@code body} starts on the next loop iteration; returns at once.
     *
     * @param <T> the result type
     * @param body the task's work: an {@code @Async} call or an async lambda
     * @return the task, not started yet
     */
    public static <T> Task<T> createTask(Supplier<? extends Task<T>> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = EventLoop.current();
        SupplierTask<T> t = new SupplierTask<>(loop, body);
        t.scheduleFirstStep();
        return t;
    }

    /**
     * {@code create_task(coro, name=name)}.
     *
     * @param <T> the result type
     * @param body the task's work
     * @param name the task's name (in reports and dumps)
     * @return the task, not started yet
     */
    public static <T> Task<T> createTask(Supplier<? extends Task<T>> body, String name) {
        Task<T> t = createTask(body);
        t.setName(name);
        return t;
    }

    /**
     * The pending tasks of the running loop, oldest first.
     *
     * @return a new set of the running loop's pending tasks
     */
    public static Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(EventLoop.current().allTasks());
    }

    // ------------------------------------------------------------------ sleeping

    /**
     * A task done after {@code delay}; zero or negative delays yield for exactly one iteration.
     *
     * @param delay how long; zero or negative: one iteration
     * @return the sleep, to await
     */
    public static Task<Void> sleep(Duration delay) {
        return sleep(delay, null);
    }

    /**
     * {@code sleep(delay, result)}: done with {@code result} after {@code delay}.
     *
     * @param <T> the result type
     * @param delay how long
     * @param result the value the sleep completes with
     * @return the sleep, to await
     */
    public static <T> Task<T> sleep(Duration delay, T result) {
        long nanos = Durations.require(delay, "sleep delay");
        EventLoop loop = EventLoop.current();
        if (nanos <= 0) {
            return new YieldNow<>(loop, result);
        }
        return Sleep.start(loop, nanos, result);
    }

    /**
     * {@code await asyncio.sleep(0)}: lets every other ready callback run once.
     *
     * @return a task done after one iteration
     */
    public static Task<Void> yieldNow() {
        return new YieldNow<>(EventLoop.current(), null);
    }

    // ------------------------------------------------------------------ combinators

    /**
     * Results in argument order; the first failure fails the gather; cancelling it cancels the children.
     *
     * @param <T> the result type
     * @param tasks the children, awaited together
     * @return their results in argument order
     */
    public static <T> Task<List<T>> gather(List<? extends Task<? extends T>> tasks) {
        return Gather.gather(tasks);
    }

    /**
     * As {@link #gather(List)}, for tasks written out: {@code gather(a, b, c)}.
     *
     * @param <T> the result type
     * @param tasks the children, awaited together
     * @return their results in argument order
     */
    @SafeVarargs
    public static <T> Task<List<T>> gather(Task<? extends T>... tasks) {
        // Copied element by element: handing the generic array itself to List.of is what javac's
        // [varargs] lint calls a possible heap pollution (it cannot see that List.of only reads it).
        List<Task<? extends T>> list = new java.util.ArrayList<>(tasks.length);
        for (int i = 0; i < tasks.length; i++) {
            list.add(Objects.requireNonNull(tasks[i], "gather: task " + i + " is null"));
        }
        return Gather.gather(list);
    }

    /**
     * {@code gather(..., return_exceptions=True)}: every child's outcome, in argument order.
     *
     * @param <T> the result type
     * @param tasks the children
     * @return their outcomes (value or failure) in argument order
     */
    public static <T> Task<List<Outcome<T>>> gatherSettled(List<? extends Task<? extends T>> tasks) {
        return Gather.gatherSettled(tasks);
    }

    /**
     * {@code asyncio.wait}: never raises; a null timeout waits as long as {@code returnWhen} says.
     *
     * @param <T> the result type
     * @param tasks the tasks to watch (not cancelled by the wait)
     * @param returnWhen when to return
     * @param timeoutOrNull the longest wait, or null
     * @return the done and pending sets
     */
    public static <T> Task<Done<T>> wait(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen, Duration timeoutOrNull) {
        return Wait.wait(tasks, returnWhen, timeoutOrNull);
    }

    /**
     * The i-th returned task completes like the i-th input to finish.
     *
     * @param <T> the result type
     * @param tasks the tasks to watch
     * @return one task per input, in completion order
     */
    public static <T> List<Task<T>> asCompleted(Collection<? extends Task<T>> tasks) {
        return AsCompleted.asCompleted(tasks, null);
    }

    /**
     * As {@link #asCompleted(Collection)}; at the deadline every task not yet completed fails with AsyncTimeoutException.
     *
     * @param <T> the result type
     * @param tasks the tasks to watch
     * @param timeout the deadline for all of them
     * @return one task per input, in completion order
     */
    public static <T> List<Task<T>> asCompleted(Collection<? extends Task<T>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null (use asCompleted(tasks) for no timeout)");
        return AsCompleted.asCompleted(tasks, timeout);
    }

    /**
     * {@code wait_for}: on timeout cancels {@code task}, waits for it, then fails with AsyncTimeoutException.
     *
     * @param <T> the result type
     * @param task the task to wait for
     * @param timeout the longest wait; null waits without limit
     * @return a task with {@code task}'s outcome, or failing with AsyncTimeoutException
     */
    public static <T> Task<T> waitFor(Task<T> task, Duration timeout) {
        return WaitFor.waitFor(task, timeout);
    }

    /**
     * {@code asyncio.timeout(delay)}: an {@link AsyncCloseable} deadline for a block, created and
     * entered at once (bound to {@link Task#current()}; see {@link Timeout}). Null: no deadline.
     *
     * @param delay the time the block may take, or null for no deadline
     * @return the entered timeout, for a try-with-resources
     */
    public static Timeout timeout(Duration delay) {
        return Timeout.after(delay).enter();
    }

    /**
     * {@code asyncio.timeout_at(when)}, with {@code when} in loop time (nanoseconds).
     *
     * @param loopTimeNanos the deadline on the loop's clock ({@link EventLoop#time()})
     * @return the entered timeout, for a try-with-resources
     */
    public static Timeout timeoutAt(long loopTimeNanos) {
        return Timeout.at(loopTimeNanos).enter();
    }

    /**
     * {@code shield}: cancelling the returned task does not cancel {@code task}.
     *
     * @param <T> the result type
     * @param task the task to protect
     * @return a task with {@code task}'s outcome whose cancellation leaves {@code task} running
     */
    public static <T> Task<T> shield(Task<T> task) {
        return Shield.shield(task);
    }

    // ------------------------------------------------------------------ threads

    /**
     * {@code asyncio.wrap_future(stage)}: a task of the running loop completed when {@code stage}
     * completes (on any thread), with its value or its failure (unwrapped from
     * {@link java.util.concurrent.CompletionException}). Cancelling the task cancels the stage's
     * future ({@code toCompletableFuture().cancel(true)}, where the stage supports it), so
     * {@code waitFor(Asyncio.wrap(http.sendAsync(...)), d)} and {@link Timeout} abort the exchange;
     * a stage cancelled at its source cancels the task.
     *
     * @param <T> the result type
     * @param stage the stage, completed on any thread
     * @return a task of the running loop
     */
    public static <T> Task<T> wrap(java.util.concurrent.CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "Asyncio.wrap(null): pass the CompletionStage to wrap");
        return Promise.from(EventLoop.current(), stage);
    }

    /**
     * {@code to_thread}: runs {@code work} on the default executor; the loop keeps running.
     *
     * @param <T> the result type
     * @param work blocking work, run on the default executor
     * @return a task with the work's result
     */
    public static <T> Task<T> toThread(Callable<T> work) {
        return EventLoop.current().runInExecutor(null, work);
    }
    // ------------------------------------------------------------------ streams and processes (org.asyncio4j.net, org.asyncio4j.process)

    /**
     * {@code open_connection(host, port)}; see {@link org.asyncio4j.net.Connection#open}.
     *
     * @param host the host name or address
     * @param port the port
     * @return the connection (reader and writer)
     */
    public static Task<org.asyncio4j.net.Connection> openConnection(String host, int port) {
        return org.asyncio4j.net.Connection.open(host, port);
    }

    /**
     * {@code open_unix_connection(path)}; see {@link org.asyncio4j.net.Connection#openUnix}.
     *
     * @param path the socket file
     * @return the connection (reader and writer)
     */
    public static Task<org.asyncio4j.net.Connection> openUnixConnection(java.nio.file.Path path) {
        return org.asyncio4j.net.Connection.openUnix(path);
    }

    /**
     * {@code start_unix_server(handler, path)}; see {@link org.asyncio4j.net.Server#startUnix}.
     *
     * @param handler run for each accepted connection
     * @param path the socket file to listen on
     * @return the listening server
     */
    public static Task<org.asyncio4j.net.Server> startUnixServer(
            java.util.function.BiFunction<org.asyncio4j.net.StreamReader, org.asyncio4j.net.StreamWriter, Task<Void>> handler,
            java.nio.file.Path path) {
        return org.asyncio4j.net.Server.startUnix(handler, path);
    }

    /**
     * {@code start_server(handler, host, port)}; see {@link org.asyncio4j.net.Server#start}.
     *
     * @param handler run for each accepted connection
     * @param host the address to listen on (null: all interfaces)
     * @param port the port (0: a free one)
     * @return the listening server
     */
    public static Task<org.asyncio4j.net.Server> startServer(
            java.util.function.BiFunction<org.asyncio4j.net.StreamReader, org.asyncio4j.net.StreamWriter, Task<Void>> handler,
            String host, int port) {
        return org.asyncio4j.net.Server.start(handler, host, port);
    }

    /**
     * {@code open_connection(host, port, ssl=context)}; see {@link org.asyncio4j.net.Tls#openConnection}.
     *
     * @param host the host name or address
     * @param port the port
     * @param context the TLS context
     * @return the TLS connection, after its handshake
     */
    public static Task<org.asyncio4j.net.Connection> openConnection(String host, int port, javax.net.ssl.SSLContext context) {
        return org.asyncio4j.net.Tls.openConnection(host, port, context);
    }

    /**
     * {@code start_server(handler, host, port, ssl=context)}; see {@link org.asyncio4j.net.Tls#startServer}.
     *
     * @param handler run for each accepted TLS connection
     * @param host the address to listen on
     * @param port the port (0: a free one)
     * @param context the TLS context
     * @return the listening server
     */
    public static Task<org.asyncio4j.net.Server> startServer(
            java.util.function.BiFunction<org.asyncio4j.net.StreamReader, org.asyncio4j.net.StreamWriter, Task<Void>> handler,
            String host, int port, javax.net.ssl.SSLContext context) {
        return org.asyncio4j.net.Tls.startServer(handler, host, port, context);
    }

    /**
     * {@code create_datagram_endpoint}; see {@link org.asyncio4j.net.DatagramEndpoint#open}.
     *
     * @param local the local address to bind
     * @param remoteOrNull the peer to connect to, or null
     * @return the endpoint
     */
    public static Task<org.asyncio4j.net.DatagramEndpoint> openDatagramEndpoint(
            java.net.InetSocketAddress local, java.net.InetSocketAddress remoteOrNull) {
        return org.asyncio4j.net.DatagramEndpoint.open(local, remoteOrNull);
    }

    /**
     * {@code create_subprocess_exec}; see {@link org.asyncio4j.process.Subprocess#exec}.
     *
     * @param command the program and its arguments
     * @param options pipes, directory and environment
     * @return the started process
     */
    public static Task<org.asyncio4j.process.Subprocess> createSubprocessExec(
            List<String> command, org.asyncio4j.process.ProcessOptions options) {
        return org.asyncio4j.process.Subprocess.exec(command, options);
    }

    /**
     * {@code create_subprocess_shell}; see {@link org.asyncio4j.process.Subprocess#shell}.
     *
     * @param command the shell command line
     * @param options pipes, directory and environment
     * @return the started process
     */
    public static Task<org.asyncio4j.process.Subprocess> createSubprocessShell(
            String command, org.asyncio4j.process.ProcessOptions options) {
        return org.asyncio4j.process.Subprocess.shell(command, options);
    }
}

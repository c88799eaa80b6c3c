package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;

/**
 * One event loop per core: N loops, each on a thread of its own, for a service that outgrows one
 * core. Each loop is a normal asyncio4j loop (tasks stay on the loop that started them); the group
 * spreads work across them: {@link #submit} round-robin, and {@link #startServer} one listening
 * server per loop on the same port ({@code SO_REUSEPORT}: the kernel spreads the connections), or,
 * where the OS lacks {@code SO_REUSEPORT} or when asked ({@link Spread#HAND_OFF}), one acceptor loop
 * that hands each accepted connection to the next loop in turn.
 * {@link #close()} closes the servers, cancels what still runs, and joins the threads.
 *
 * <pre>{@code
 * try (LoopGroup group = LoopGroup.start(Runtime.getRuntime().availableProcessors())) {
 *     group.startServer(Echo::handle, "127.0.0.1", 8080);
 *     ...
 * }
 * }</pre>
 */
public final class LoopGroup implements AutoCloseable {
    private final List<Member> members;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Listening> servers = new ArrayList<>();

    private record Listening(EventLoop loop, Server server) {}
    private volatile boolean closed;

    private static final class Member {
        volatile EventLoop loop;
        volatile Promise<Void> stop;
        Thread thread;
        volatile Throwable failure;
    }

    private LoopGroup(List<Member> members) {
        this.members = members;
    }

    /**
     * Starts {@code n} loops on the system clock, each on its own thread ({@code asyncio4j-loop-<i>}).
     * @param n how many loops and threads; at least 1
     * @return the group, its loops running
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public static LoopGroup start(int n) {
        return start(n, RunOptions.defaults());
    }

    /**
     * Starts {@code n} loops with {@code options} (the clock, debug mode).
     * @param n how many loops and threads; at least 1
     * @param options the clock and debug settings every loop gets; not null
     * @return the group, its loops running
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public static LoopGroup start(int n, RunOptions options) {
        if (n < 1) {
            throw new IllegalArgumentException("a LoopGroup needs at least one loop, got " + n);
        }
        Objects.requireNonNull(options, "options");
        List<Member> members = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Member m = new Member();
            m.thread = new Thread(() -> run(m, options, ready), "asyncio4j-loop-" + i);
            members.add(m);
            m.thread.start();
        }
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the loops of a LoopGroup did not start within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a LoopGroup", e);
        }
        for (Member m : members) {
            if (m.failure != null) {
                throw new IllegalStateException("a loop of the group failed to start", m.failure);
            }
        }
        return new LoopGroup(members);
    }

    private static void run(Member m, RunOptions options, CountDownLatch ready) {
        try {
            EventLoop loop = EventLoop.builder().options(options).build();
            m.loop = loop;
            try {
                loop.runUntilComplete(() -> {
                    m.stop = new Promise<>();
                    ready.countDown();
                    return m.stop;
                });
            } finally {
                try {
                    Shutdown.cancelAllTasks(loop);
                } finally {
                    loop.close();
                }
            }
        } catch (Throwable e) {
            m.failure = e;
            ready.countDown(); // start() reports it, or close() rethrows it
        }
    }

    /**
     * How many loops.
     * @return the number of loops, as given to {@link #start(int)}
     */
    public int size() {
        return members.size();
    }

    /**
     * Loop {@code i} (0-based), e.g. to {@code callSoonThreadsafe} on it.
     * @param i the loop's index, from 0 to {@code size() - 1}
     * @return that loop
     */
    public EventLoop loop(int i) {
        return members.get(i).loop;
    }

    /**
     * Runs {@code body} (an {@code @Async} call, an async lambda) as a task on the next loop in turn;
     * callable from any thread. The future completes with the task's outcome; cancelling the future
     * cancels the task, and a cancelled task cancels the future.
     * @param <T> the task's result type
     * @param body makes the task when called on the chosen loop's thread; not null
     * @return a future completed with the task's outcome
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends Task<T>> body) {
        return submit(Math.floorMod(next.getAndIncrement(), members.size()), body);
    }

    /**
     * As {@link #submit(Supplier)}, on loop {@code i}.
     * @param <T> the task's result type
     * @param i the loop's index, from 0 to {@code size() - 1}
     * @param body makes the task when called on loop {@code i}'s thread; not null
     * @return a future completed with the task's outcome
     */
    public <T> CompletableFuture<T> submit(int i, Supplier<? extends Task<T>> body) {
        Objects.requireNonNull(body, "body");
        if (closed) {
            throw new IllegalStateException("this LoopGroup is closed");
        }
        return members.get(i).loop.submit(body); // one still queued when its loop closes is cancelled
    }

    /** How {@link #startServer} spreads connections over the loops. */
    public enum Spread {
        /** {@link #REUSE_PORT} where the OS has {@code SO_REUSEPORT} (Linux, macOS, BSD), else {@link #HAND_OFF}. */
        AUTO,
        /**
         * One listening socket per loop on the same port, with {@code SO_REUSEPORT}: the kernel picks
         * the loop of each connection (by a hash of its addresses), and no loop waits on another.
         * Fails with {@link UnsupportedOperationException} where the OS lacks it (Windows).
         */
        REUSE_PORT,
        /**
         * Loop 0 alone listens and accepts; it hands each connection to the next loop in turn
         * (round-robin, itself included), which serves it from then on. Works everywhere; costs a
         * cross-thread hand-off per connection, and the accepting loop is shared with its own share
         * of connections.
         */
        HAND_OFF
    }

    /**
     * {@link #startServer(BiFunction, String, int, Spread)} with {@link Spread#AUTO}:
     * {@code SO_REUSEPORT} where the OS has it, a hand-off from one acceptor loop otherwise.
     *
     * @param handler run for each connection, on the loop that serves it
     * @param host the address to listen on (null: all interfaces)
     * @param port the port (0: a free one)
     * @return one server per loop (see the four-argument form)
     * @throws IllegalStateException if called from a running loop's thread
     */
    public List<Server> startServer(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port) {
        return startServer(handler, host, port, Spread.AUTO);
    }

    /**
     * Starts serving {@code host}:{@code port} on every loop and returns one server per loop (loop
     * {@code i}'s at index {@code i}) once all are ready; port 0 picks a free port, which
     * {@code get(0).port()} tells. Each connection is served by {@code handler} on one loop, as
     * {@code spread} decides: with {@link Spread#REUSE_PORT} every server listens; with
     * {@link Spread#HAND_OFF} only loop 0's listens (the others' {@code port()} is -1) and each
     * connection is served by the server of the loop it was handed to. Blocks the caller (call it
     * from {@code main}, not from a loop).
     *
     * @param handler run for each connection, on the loop that serves it
     * @param host the address to listen on (null: all interfaces)
     * @param port the port (0: a free one)
     * @param spread how connections are spread over the loops
     * @return one server per loop
     */
    public List<Server> startServer(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port,
            Spread spread) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(spread, "spread");
        if (EventLoop.currentOrNull() != null) {
            throw new IllegalStateException("LoopGroup.startServer blocks until every loop listens: call it from a"
                    + " plain thread (main), not from a running loop");
        }
        List<Listening> started = new ArrayList<>();
        boolean reusePort = spread == Spread.REUSE_PORT || (spread == Spread.AUTO && HandOff.reusePortSupported());
        try {
            if (!reusePort) {
                startHandingOff(handler, host, port, started);
                return publish(started);
            }
            Server first = join(submit(0, () -> Server.start(handler, host, port, true)));
            started.add(new Listening(loop(0), first));
            for (int i = 1; i < members.size(); i++) {
                started.add(new Listening(loop(i), join(submit(i, () -> Server.start(handler, host, first.port(), true)))));
            }
        } catch (RuntimeException e) {
            closeServers(started);
            throw e;
        }
        return publish(started);
    }

    /**
     * Loops 1..n-1 first get a server that listens nowhere; then loop 0's server listens with a
     * hand-off to all of them already set, so that no connection is accepted before it can be spread.
     * {@code started} ends in loop order.
     */
    private void startHandingOff(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port,
            List<Listening> started) {
        Server[] targets = new Server[members.size()];
        for (int i = 1; i < members.size(); i++) {
            targets[i] = join(submit(i, () -> Task.completed(Server.unbound(handler))));
            started.add(new Listening(loop(i), targets[i]));
        }
        HandOff handOff = new HandOff(this, targets);
        Server acceptor = join(submit(0, () -> {
            Server s = Server.unbound(handler);
            targets[0] = s;
            s.handOff(handOff);
            return s.listen(host, port);
        }));
        // first in the list: close() stops accepting before it closes the loops connections go to
        started.add(0, new Listening(loop(0), acceptor));
    }

    private List<Server> publish(List<Listening> started) {
        synchronized (servers) {
            servers.addAll(started);
        }
        List<Server> out = new ArrayList<>();
        started.forEach(l -> out.add(l.server()));
        return out;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c.getMessage(), c);
        }
    }

    private static void closeServers(List<Listening> list) {
        for (Listening s : list) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            s.loop().callSoonThreadsafe(() -> {
                try {
                    s.server().close();
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            join(done);
        }
    }

    /**
     * Closes the group's servers, then stops every loop: tasks still pending are cancelled and
     * awaited (as {@code Asyncio.run} ends), each loop is closed and its thread joined. Rethrows the
     * first failure of a loop, if one failed. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<Listening> toClose;
        synchronized (servers) {
            toClose = new ArrayList<>(servers);
            servers.clear();
        }
        closeServers(toClose);
        closed = true;
        for (Member m : members) {
            Promise<Void> stop = m.stop;
            if (stop != null) {
                stop.complete(null); // thread-safe: wakes the loop
            }
        }
        Throwable first = null;
        for (Member m : members) {
            try {
                m.thread.join(TimeUnit.MINUTES.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while closing a LoopGroup", e);
            }
            if (m.thread.isAlive()) {
                throw new IllegalStateException(m.thread.getName() + " did not stop within 5 minutes: a task does not"
                        + " finish after its cancellation (see Asyncio.dumpTasks)");
            }
            if (first == null) {
                first = m.failure;
            }
        }
        if (first != null) {
            throw new IllegalStateException("a loop of the group failed", first);
        }
    }
}

package org.asyncio4j.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.asyncio4j.sync.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real PostgreSQL started by LocalPostgres (a test fails in one line if none can start). */
class PostgresTest {
    static LocalPostgres server;

    @BeforeAll
    static void startServer() {
        server = LocalPostgres.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code body} on a fresh loop with a fresh pool, closes the pool, checks Vert.x's threads ended. */
    static <T> T withPool(PoolConfig config, boolean virtual, Function<Scenarios, Task<T>> body) {
        List<Scenarios> made = new ArrayList<>();
        Supplier<Task<T>> main = () -> {
            Scenarios s = new AsyncScenarios(Postgres.open(server.connectOptions(), config));
            made.add(s);
            return body.apply(s);
        };
        try {
            return virtual ? Asyncio.run(main, new VirtualClock()) : Asyncio.run(main);
        } finally {
            Asyncio.run(() -> made.get(0).close());
            assertEquals(List.of(), vertxThreads(), "Vert.x threads left running after closeAsync");
        }
    }

    static List<String> vertxThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("vert.x-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Test
    void aQueryRunsOnVertxAndResumesOnTheLoop() {
        List<String> log = new ArrayList<>();
        long v = withPool(PoolConfig.of(2), false, s -> {
            s.log.clear();
            Task<Long> t = s.oneQuery();
            t.addDoneCallback(x -> {
                log.addAll(s.log);
                // the event-loop thread that ran the query is one closeAsync will join
                log.add("threads recorded: " + (s.db.threads.count() > 0));
            });
            return t;
        });
        assertEquals(42L, v);
        assertEquals(List.of("resumed on loop thread: true", "threads recorded: true"), log);
    }

    @Test
    void waitersForABusyPoolAreServedInArrivalOrderAndACancelledWaiterLeavesTheQueue() {
        List<String> log = withPool(PoolConfig.of(1), false, s -> Asyncio.createTask(() -> fairness(s)));
        assertEquals(List.of(
                "got 0 busy=1 waiting=6",
                "got 1 busy=1 waiting=5",
                "got 2 busy=1 waiting=4",
                "got 4 busy=1 waiting=3",
                "got 5 busy=1 waiting=2",
                "got 6 busy=1 waiting=1",
                "got 7 busy=1 waiting=0",
                "user 3 cancelled while queued"), log);
    }

    /**
     * Eight tasks created in order 0..7 on a pool of one connection: 0 takes it, 1..7 queue; user 3
     * is cancelled while it waits. Each holds the connection for one short real query.
     */
    static Task<List<String>> fairness(Scenarios s) {
        Event allStarted = new Event();
        List<Task<Void>> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int id = i;
            users.add(Asyncio.createTask(() -> s.fairUser(id, allStarted)));
        }
        // Runs after every task has reached its acquire (callbacks run in the order they were scheduled).
        org.asyncio4j.EventLoop.current().callSoon(() -> {
            allStarted.set();
            users.get(3).cancel();
        });
        Task<List<org.asyncio4j.Outcome<Void>>> all = Asyncio.gatherSettled(users);
        org.asyncio4j.Promise<List<String>> done = new org.asyncio4j.Promise<>();
        all.addDoneCallback(t -> {
            if (users.get(3).isCancelled()) {
                s.log.add("user 3 cancelled while queued");
            }
            done.complete(s.log);
        });
        return done;
    }

    @Test
    void aTaskThatFindsEveryConnectionBusyGetsAPoolTimeoutThatSaysSo() {
        // Virtual time: the holder sleeps 5 s, the impatient task gives up after exactly 1 s.
        List<String> log = withPool(new PoolConfig(1, Duration.ofSeconds(1), null), true, s -> {
            Event holding = new Event();
            Task<List<Object>> both = Asyncio.gather(s.holder(holding, Duration.ofSeconds(5)), s.impatient(holding));
            org.asyncio4j.Promise<List<String>> done = new org.asyncio4j.Promise<>();
            both.addDoneCallback(t -> done.complete(s.log));
            return done;
        });
        assertEquals(List.of(
                "holding at 0",
                "PoolTimeoutException after 1000000000 ns: no PostgreSQL connection became free within PT1S: all 1"
                        + " connections are busy (0 task(s) were waiting ahead of this one, 0 still wait); raise"
                        + " PoolConfig.size or acquireTimeout, or hold connections for less time",
                "released at 5000000000"), log);
    }

    @Test
    void aQueryPastItsTimeoutIsCancelledOnTheServer() {
        String sleep = "SELECT pg_sleep(30)";
        long started = System.nanoTime();
        QueryTimeoutException e = assertThrows(QueryTimeoutException.class,
                () -> withPool(new PoolConfig(2, Duration.ofSeconds(5), Duration.ofMillis(300)), false, s -> s.sleepQuery(sleep)));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("query ran past its timeout of PT0.3S and was cancelled on the server: SELECT pg_sleep(30)", e.getMessage());
        // The server's own word that it stopped the statement: SQLSTATE 57014 query_canceled.
        PgException server = assertInstanceOf(PgException.class, e.getCause());
        assertEquals("57014", server.getSqlState());
        assertTrue(tookMs < 15_000, "the timeout returned after " + tookMs + " ms, not long before pg_sleep(30) ends");
        long stillRunning = withPool(PoolConfig.of(1), false, s -> s.activeBackends(sleep));
        assertEquals(0L, stillRunning, "a backend still runs " + sleep);
    }

    @Test
    void cancellingTheTaskCancelsTheQueryOnTheServer() {
        String sleep = "SELECT pg_sleep(31)";
        List<String> log = withPool(PoolConfig.of(2), false, s -> Asyncio.createTask(() -> cancelWhileRunning(s, sleep)));
        assertEquals(List.of("active before cancel: true", "CancelledError", "active after: 0"), log);
    }

    static Task<List<String>> cancelWhileRunning(Scenarios s, String sleep) {
        org.asyncio4j.Promise<List<String>> done = new org.asyncio4j.Promise<>();
        Task<Void> q = Asyncio.createTask(() -> s.sleepQuery(sleep));
        s.waitUntilActive(sleep).addDoneCallback(active -> {
            s.log.add("active before cancel: " + active.result());
            q.cancel();
            q.addDoneCallback(t -> {
                s.log.add(t.isCancelled() ? "CancelledError" : "not cancelled: " + t.exception());
                s.activeBackends(sleep).addDoneCallback(n -> {
                    s.log.add("active after: " + n.result());
                    done.complete(s.log);
                });
            });
        });
        return done;
    }

    @Test
    void aTransactionCommitsOnSuccessAndRollsBackOnAnExceptionOrACancellation() {
        List<String> log = new ArrayList<>();
        List<Long> ids = withPool(PoolConfig.of(2), false, s -> {
            Task<List<Long>> t = s.transactions();
            t.addDoneCallback(x -> log.addAll(s.log));
            return t;
        });
        assertEquals(List.of(1L), ids);
        assertEquals(List.of("failed: business rule broken after insert 2", "cancelled; busy=0"), log);
    }

    @Test
    void keysetPaginationWalksAHundredThousandRowsInKeyOrder() {
        long[] r = withPool(PoolConfig.of(2), false, s -> s.pageThrough(100_000, 1_000));
        // count, sum of ids, last id, rows out of order, rows whose name does not match their id
        assertEquals(List.of(100_000L, 5_000_050_000L, 100_000L, 0L, 0L), List.of(r[0], r[1], r[2], r[3], r[4]));
    }

    @Test
    void badSettingsAreRefusedWithAMessageSayingWhatToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PoolConfig(0, null, null));
        assertEquals("PoolConfig.size must be >= 1 (the number of connections), got 0", e.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> new KeysetQuery("SELECT 1", "id; DROP TABLE x", 10, new Object[0]));
        assertEquals("keyset: the key column must be a plain column name of the base query (letters, digits, _),"
                + " got id; DROP TABLE x", k.getMessage());
    }
}

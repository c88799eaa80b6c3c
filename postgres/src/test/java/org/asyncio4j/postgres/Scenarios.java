package org.asyncio4j.postgres;

import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Event;

/** The @Async bodies of PostgresTest; each records what happened in {@link #log}. */
class Scenarios {
    final List<String> log = new ArrayList<>();
    final Postgres db;

    Scenarios(Postgres db) {
        this.db = db;
    }

    long now() {
        return EventLoop.current().time();
    }

    @Async
    Task<Long> oneQuery() {
        Thread loopThread = Thread.currentThread();
        long v = Await.on(db.query("SELECT $1::bigint + 1 AS v", 41L)).iterator().next().getLong("v");
        log.add("resumed on loop thread: " + (Thread.currentThread() == loopThread));
        return Task.completed(v);
    }

    /** Holds a connection in a transaction for a short real query, recording when it got it. */
    @Async
    Task<Void> fairUser(int id, Event allStarted) {
        try (PgTransaction tx = Await.on(db.begin())) {
            log.add("got " + id + " busy=" + db.busy() + " waiting=" + db.waiting());
            Await.on(allStarted.await());
            Await.on(tx.query("SELECT pg_sleep(0.01)"));
        }
        return Task.completed();
    }

    @Async
    Task<Void> holder(Event holding, Duration hold) {
        try (PgTransaction tx = Await.on(db.begin())) {
            log.add("holding at " + now());
            holding.set();
            Await.on(Asyncio.sleep(hold));
        }
        log.add("released at " + now());
        return Task.completed();
    }

    @Async
    Task<Void> impatient(Event holding) {
        Await.on(holding.await());
        long start = now();
        try {
            Await.on(db.query("SELECT 1"));
            log.add("impatient got a connection");
        } catch (PoolTimeoutException e) {
            log.add("PoolTimeoutException after " + (now() - start) + " ns: " + e.getMessage());
        }
        return Task.completed();
    }

    @Async
    Task<Void> sleepQuery(String sql) {
        Await.on(db.query(sql));
        return Task.completed();
    }

    /** Polls pg_stat_activity (10 ms apart, at most 5 s) until a backend runs {@code sql}. */
    @Async
    Task<Long> activeBackends(String sql) {
        long n = Await.on(db.query(Duration.ofSeconds(5),
                "SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query = $1", sql))
                .iterator().next().getLong("n");
        return Task.completed(n);
    }

    @Async
    Task<Boolean> waitUntilActive(String sql) {
        for (int i = 0; i < 500; i++) {
            if (Await.on(activeBackends(sql)) > 0) {
                return Task.completed(true);
            }
            Await.on(Asyncio.sleep(Duration.ofMillis(10)));
        }
        return Task.completed(false);
    }

    @Async
    Task<Void> insertThen(long id, String then, Event inserted) {
        try (PgTransaction tx = Await.on(db.begin())) {
            Await.on(tx.query("INSERT INTO tx_test VALUES ($1)", id));
            if (then.equals("fail")) {
                throw new IllegalStateException("business rule broken after insert " + id);
            }
            if (then.equals("hang")) {
                inserted.set();
                Await.on(Asyncio.sleep(Duration.ofHours(1)));
            }
        }
        return Task.completed();
    }

    @Async
    Task<List<Long>> transactions() {
        Await.on(db.query("CREATE TABLE tx_test (id bigint PRIMARY KEY)"));
        Await.on(insertThen(1, "commit", new Event()));
        try {
            Await.on(insertThen(2, "fail", new Event()));
        } catch (IllegalStateException e) {
            log.add("failed: " + e.getMessage());
        }
        Event inserted = new Event();
        Task<Void> hanging = Asyncio.createTask(() -> insertThen(3, "hang", inserted));
        Await.on(inserted.await());
        hanging.cancel();
        try {
            Await.on(hanging);
        } catch (CancelledError e) {
            log.add("cancelled; busy=" + db.busy());
        }
        List<Long> ids = new ArrayList<>();
        for (Row r : Await.on(db.query("SELECT id FROM tx_test ORDER BY id"))) {
            ids.add(r.getLong("id"));
        }
        return Task.completed(ids);
    }

    @Async
    Task<long[]> pageThrough(int rows, int pageSize) {
        Await.on(db.query("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)"));
        Await.on(db.query("INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, $1::int) g", rows));
        long count = 0;
        long sum = 0;
        long last = 0;
        long outOfOrder = 0;
        long badNames = 0;
        AsyncIterator<Row> it = db.keyset("SELECT id, name FROM items", "id", pageSize).iterator();
        while (Await.on(it.hasNext())) {
            Row r = it.next();
            long id = r.getLong("id");
            if (id <= last) {
                outOfOrder++;
            }
            if (!r.getString("name").equals("item-" + id)) {
                badNames++;
            }
            last = id;
            count++;
            sum += id;
        }
        return Task.completed(new long[] {count, sum, last, outOfOrder, badNames});
    }

    @Async
    Task<Void> close() {
        Await.on(db.closeAsync(null));
        return Task.completed();
    }
}

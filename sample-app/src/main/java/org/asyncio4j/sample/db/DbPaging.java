package org.asyncio4j.sample.db;

import io.vertx.sqlclient.Row;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.postgres.LocalPostgres;
import org.asyncio4j.postgres.PgTransaction;
import org.asyncio4j.postgres.PoolConfig;
import org.asyncio4j.postgres.Postgres;
import org.asyncio4j.postgres.QueryTimeoutException;

/**
 * Example {@code db-paging}: the asyncpg exercise on a real PostgreSQL that the example starts
 * itself ({@link LocalPostgres}). Eight tasks share a pool of four connections and page through a
 * 100,000-row table by keyset pagination; a transfer runs in a transaction that commits, another
 * that fails rolls back; a slow query is cancelled on the server by its timeout.
 *
 * <p>Run it with {@code mvn -q package exec:java -pl sample-app -am -Dexec.mainClass=org.asyncio4j.sample.db.DbPaging}.
 */
public class DbPaging {
    static final int TASKS = 8;
    final PrintStream out;
    final String connectHint;
    Postgres db;

    DbPaging(PrintStream out, String connectHint) {
        this.out = out;
        this.connectHint = connectHint;
    }

    /** Starts a local server, runs the demo on a fresh loop ({@code args[0]}: rows, default 100000), stops the server. */
    public static void run(PrintStream out, String... args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (LocalPostgres server = LocalPostgres.start()) {
            out.println("PostgreSQL started: " + server.describe());
            DbPaging demo = new AsyncDbPaging(out, null);
            Asyncio.run(() -> demo.demo(server, rows));
        }
    }

    /** Entry point for {@code exec:java}. */
    public static void main(String[] args) {
        run(System.out, args);
    }

    @Async
    Task<Void> demo(LocalPostgres server, int rows) {
        try (Postgres pool = Postgres.open(server.connectOptions(), new PoolConfig(4, Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
            db = pool;
            Await.on(setUp(rows));
            Await.on(pageInParallel(rows));
            Await.on(transfers());
            Await.on(slowQuery());
        }
        return Task.completed();
    }

    @Async
    Task<Void> setUp(int rows) {
        Await.on(db.query("CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL, balance bigint NOT NULL)"));
        Await.on(db.query("INSERT INTO accounts SELECT g, 'owner-' || g, 100 FROM generate_series(1, $1::int) g", rows));
        out.println("created accounts with " + rows + " rows");
        return Task.completed();
    }

    /** Task {@code part} walks the rows with {@code id % TASKS = part}, 500 per page. */
    @Async
    Task<long[]> walk(int part) {
        AsyncIterator<Row> it = db.keyset("SELECT id, balance FROM accounts WHERE id % $1 = $2", "id", 500, TASKS, part)
                .iterator();
        long count = 0;
        long total = 0;
        while (Await.on(it.hasNext())) {
            Row r = it.next();
            count++;
            total += r.getLong("balance");
        }
        return Task.completed(new long[] {count, total});
    }

    @Async
    Task<Void> pageInParallel(int rows) {
        List<Task<long[]>> walkers = new ArrayList<>();
        for (int part = 0; part < TASKS; part++) {
            walkers.add(walk(part));
        }
        long count = 0;
        long total = 0;
        for (long[] r : Await.on(Asyncio.gather(walkers))) {
            count += r[0];
            total += r[1];
        }
        out.println(TASKS + " tasks paged " + count + " rows (balance " + total + ") over a pool of "
                + db.config().size() + " connections");
        return Task.completed();
    }

    @Async
    Task<Void> transfer(long from, long to, long amount) {
        try (PgTransaction tx = Await.on(db.begin())) {
            Await.on(tx.query("UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from));
            Await.on(tx.query("UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to));
            long left = Await.on(tx.query("SELECT balance FROM accounts WHERE id = $1", from)).iterator().next().getLong(0);
            if (left < 0) {
                throw new IllegalStateException("account " + from + " would be overdrawn (" + left + ")");
            }
        }
        return Task.completed();
    }

    @Async
    Task<Void> transfers() {
        Await.on(transfer(1, 2, 30));
        try {
            Await.on(transfer(1, 2, 500));
        } catch (IllegalStateException e) {
            out.println("transfer refused, rolled back: " + e.getMessage());
        }
        Row r = Await.on(db.query("SELECT (SELECT balance FROM accounts WHERE id = 1), (SELECT balance FROM accounts WHERE id = 2)"))
                .iterator().next();
        out.println("after one committed and one rolled-back transfer: account 1 has " + r.getLong(0)
                + ", account 2 has " + r.getLong(1));
        return Task.completed();
    }

    @Async
    Task<Void> slowQuery() {
        try {
            Await.on(db.query(Duration.ofMillis(200), "SELECT pg_sleep(10)"));
        } catch (QueryTimeoutException e) {
            out.println(e.getMessage());
        }
        long still = Await.on(db.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(10)'"))
                .iterator().next().getLong(0);
        out.println("backends still sleeping: " + still);
        return Task.completed();
    }
}

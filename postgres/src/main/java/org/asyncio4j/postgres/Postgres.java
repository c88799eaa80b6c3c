package org.asyncio4j.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Arrays;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Held;
import org.asyncio4j.sync.Semaphore;

/**
 * A pool of PostgreSQL connections for {@code @Async} code, built on Vert.x's reactive
 * {@code vertx-pg-client} (no blocking JDBC on the loop, no hand-written wire protocol).
 *
 * <pre>{@code
 * try (Postgres db = Postgres.open(server.connectOptions(), PoolConfig.of(4))) {
 *     RowSet<Row> rows = Await.on(db.query("SELECT name FROM items WHERE id = $1", 7L));
 *     try (PgTransaction tx = Await.on(db.begin())) {   // commits, or rolls back on an exception/cancel
 *         Await.on(tx.query("UPDATE items SET name = $1 WHERE id = $2", "x", 7L));
 *     }
 * }
 * }</pre>
 *
 * <h2>Pool</h2>
 * At most {@link PoolConfig#size()} connections; a task that finds them all busy queues on an
 * asyncio4j {@link Semaphore} (strict FIFO, and a cancelled waiter leaves the queue at once) and
 * gets {@link PoolTimeoutException} after {@link PoolConfig#acquireTimeout()}. Vert.x's own pool
 * sits behind it with the same size, so it never has to queue anyone.
 *
 * <h2>Timeouts</h2>
 * A query that outlives its timeout (or whose task is cancelled) is cancelled <em>on the server</em>
 * with a PostgreSQL cancel request; the task waits until the server has given the statement up
 * before the connection goes back to the pool, then throws {@link QueryTimeoutException} (or the
 * {@link CancelledError}).
 *
 * <h2>Threads</h2>
 * Vert.x runs its own event-loop threads; every completion reaches the asyncio4j loop through
 * {@code Await.on(future.toCompletionStage())} (a thread-safe {@code Promise}). {@link #closeAsync}
 * closes the pool and the Vert.x instance, ending its threads. Create and use an instance on one
 * asyncio4j loop.
 */
public class Postgres implements AsyncCloseable {
    final Vertx vertx;
    final Pool pool;
    final PoolConfig config;
    final Semaphore permits;
    final EventLoop loop;
    final VertxThreads threads = new VertxThreads();
    boolean closed;
    int leased;

    Postgres(PgConnectOptions connect, PoolConfig config) {
        if (connect == null || config == null) {
            throw new NullPointerException("Postgres.open(connectOptions, config): both are required");
        }
        this.loop = EventLoop.current();
        this.config = config;
        this.permits = new Semaphore(config.size());
        // Vert.x needs few threads here: its event loops only do the sockets' I/O.
        this.vertx = VertxBootstrap.create()
                .options(new VertxOptions().setEventLoopPoolSize(Math.min(2, config.size())).setWorkerPoolSize(1)
                        .setInternalBlockingPoolSize(1))
                .threadFactory(threads).init().vertx();
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.size())).connectingTo(connect)
                .using(vertx).build();
    }

    /**
     * A pool on the current loop's thread; connections are opened lazily.
     * @param connect where and as whom to connect (Vert.x's options: host, port, database, user, password); not null
     * @param config the pool's size and timeouts; not null
     * @return the pool; close it with {@code closeAsync} (try-with-resources in an {@code @Async} method)
     */
    public static Postgres open(PgConnectOptions connect, PoolConfig config) {
        return new AsyncPostgres(connect, config);
    }

    /**
     * The pool's settings.
     * @return the settings given to {@link #open}
     */
    public PoolConfig config() {
        return config;
    }

    /**
     * Connections currently leased to tasks.
     * @return the number of connections held by a query or transaction now
     */
    public int busy() {
        return leased;
    }

    /**
     * Tasks waiting for a connection.
     * @return the number of tasks queued for a connection
     */
    public int waiting() {
        return permits.waiting();
    }

    /**
     * Runs one statement with {@code args} bound to {@code $1, $2, ...}, under the default query timeout.
     * @param sql one SQL statement, with {@code $1, $2, ...} placeholders
     * @param args the values bound to the placeholders, in order; none for a statement without placeholders
     * @return a task completing with the rows; it fails with {@link QueryTimeoutException} past the pool's query
     *     timeout, {@link PoolTimeoutException} if no connection came in time, or with the driver's exception for an SQL
     *     error
     */
    @Async
    public Task<RowSet<Row>> query(String sql, Object... args) {
        return query(config.queryTimeout(), sql, args);
    }

    /**
     * As {@link #query(String, Object...)} with its own timeout (null: none).
     * @param timeout the limit for this statement, past which it is cancelled on the server; null for none
     * @param sql one SQL statement, with {@code $1, $2, ...} placeholders
     * @param args the values bound to the placeholders, in order
     * @return a task completing with the rows; failures as {@link #query(String, Object...)}
     */
    @Async
    public Task<RowSet<Row>> query(Duration timeout, String sql, Object... args) {
        Lease lease = Await.on(lease());
        try {
            RowSet<Row> rows = Await.on(run(lease.conn, timeout, sql, args));
            return Task.completed(rows);
        } finally {
            lease.release();
        }
    }

    /**
     * Begins a transaction on a connection of its own, held until the transaction is closed. Use it in
     * try-with-resources in an {@code @Async} method: it commits when the block ends normally and
     * rolls back when it ends with an exception or a cancellation.
     * @return a task completing with the open transaction once {@code BEGIN} ran on its connection
     */
    @Async
    public Task<PgTransaction> begin() {
        Lease lease = Await.on(lease());
        Future<Transaction> begun = lease.conn.begin();
        try {
            Transaction tx = Await.on(begun.toCompletionStage());
            return Task.completed(new AsyncPgTransaction(this, lease, tx));
        } catch (RuntimeException | Error e) {
            // Cancelled while BEGIN was in flight: give the connection back only once it is idle.
            begun.onComplete(ar -> loop.callSoonThreadsafe(() -> {
                if (ar.succeeded()) {
                    ar.result().rollback();
                }
                lease.release();
            }));
            throw e;
        }
    }

    /**
     * The rows of {@code baseQuery} in ascending order of {@code keyColumn} (a non-null, unique
     * integer column), fetched {@code pageSize} at a time by keyset pagination:
     * {@code SELECT * FROM (baseQuery) p WHERE key > $last ORDER BY key LIMIT pageSize}. Each page
     * is one short query on a pooled connection, so no connection is held between pages and the
     * cost of a page does not grow with its depth (unlike OFFSET). {@code baseArgs} bind to the
     * base query's {@code $1..$n}.
     * @param baseQuery the query whose rows to page through, without ORDER BY or LIMIT; may use {@code $1..$n}
     * @param keyColumn the name of a non-null, unique integer column of {@code baseQuery}'s rows
     * @param pageSize how many rows each page query fetches; positive
     * @param baseArgs the values bound to {@code baseQuery}'s placeholders
     * @return an async iterable of the rows, for {@code Await.each}; each iteration starts from the first row
     * @throws IllegalArgumentException if {@code baseQuery} is blank, {@code keyColumn} is not a plain column name, or
     *     {@code pageSize} is less than 1
     */
    public AsyncIterable<Row> keyset(String baseQuery, String keyColumn, int pageSize, Object... baseArgs) {
        KeysetQuery q = new KeysetQuery(baseQuery, keyColumn, pageSize, baseArgs);
        return () -> new AsyncKeysetIterator(this, q);
    }

    /** Closes the pool and the Vert.x instance, and completes once its threads have ended. Idempotent. */
    @Async
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        if (closed) {
            return Task.completed();
        }
        closed = true;
        try {
            Await.on(pool.close().toCompletionStage());
        } finally {
            Await.on(vertx.close().toCompletionStage());
            Await.on(Asyncio.toThread(threads::joinAll));
        }
        return Task.completed();
    }

    // ------------------------------------------------------------------ internals

    /** Waits (FIFO) for a permit, then takes a connection from Vert.x's pool. */
    @Async
    Task<Lease> lease() {
        if (closed) {
            throw new IllegalStateException("this Postgres pool is closed: open a new one");
        }
        Held permit;
        int ahead = permits.waiting();
        try (Timeout t = Asyncio.timeout(config.acquireTimeout())) {
            permit = Await.on(permits.acquire());
        } catch (AsyncTimeoutException e) {
            throw new PoolTimeoutException("no PostgreSQL connection became free within " + config.acquireTimeout()
                    + ": all " + config.size() + " connections are busy (" + ahead + " task(s) were waiting ahead of this one,"
                    + " " + permits.waiting() + " still wait); raise PoolConfig.size or acquireTimeout, or hold"
                    + " connections for less time");
        }
        Future<SqlConnection> taking = pool.getConnection();
        try {
            SqlConnection conn = Await.on(taking.toCompletionStage());
            return Task.completed(new Lease(conn, permit, this));
        } catch (RuntimeException | Error e) {
            // Failed or cancelled: a connection that still arrives goes straight back.
            taking.onSuccess(SqlConnection::close);
            permit.close();
            throw e;
        }
    }

    /** Runs a statement on a leased connection; past {@code timeout} or on cancellation, cancels it on the server. */
    @Async
    Task<RowSet<Row>> run(SqlConnection conn, Duration timeout, String sql, Object[] args) {
        Future<RowSet<Row>> running = conn.preparedQuery(sql).execute(Tuple.wrap(Arrays.asList(args)));
        try (Timeout t = Asyncio.timeout(timeout)) {
            RowSet<Row> rows = Await.on(running.toCompletionStage());
            return Task.completed(rows);
        } catch (AsyncTimeoutException e) {
            Throwable serverSaid = Await.on(cancelOnServer(conn, running));
            throw new QueryTimeoutException("query ran past its timeout of " + timeout
                    + " and was cancelled on the server: " + abbreviate(sql), serverSaid);
        } catch (CancelledError e) {
            Await.on(cancelOnServer(conn, running));
            throw e;
        }
    }

    /**
     * Sends PostgreSQL's cancel request for the statement running on {@code conn} and waits until the
     * statement has ended, so the connection is idle when it goes back. Completes with the
     * statement's failure (the server's "canceling statement" error) or null if it finished anyway.
     */
    @Async
    Task<Throwable> cancelOnServer(SqlConnection conn, Future<RowSet<Row>> running) {
        if (!running.isComplete()) {
            Await.on(PgConnection.cast(conn).cancelRequest().toCompletionStage());
        }
        Throwable ended = Await.on(running.transform(ar -> Future.succeededFuture(ar.cause())).toCompletionStage());
        return Task.completed(ended);
    }

    static String abbreviate(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}

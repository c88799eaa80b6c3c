package org.asyncio4j.postgres;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Transaction;
import java.time.Duration;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * A transaction on one pooled connection, from {@link Postgres#begin()}. As the resource of a
 * try-with-resources in an {@code @Async} method it commits when the block ends normally and rolls
 * back when the block ends with an exception or a cancellation; either way the connection then goes
 * back to the pool. A failed commit fails the block with the server's error.
 */
public class PgTransaction implements AsyncCloseable {
    final Postgres db;
    final Lease lease;
    final Transaction tx;
    boolean closed;

    PgTransaction(Postgres db, Lease lease, Transaction tx) {
        this.db = db;
        this.lease = lease;
        this.tx = tx;
    }

    /**
     * Runs a statement in this transaction under the pool's default query timeout.
     * @param sql one SQL statement, with {@code $1, $2, ...} placeholders
     * @param args the values bound to the placeholders, in order
     * @return a task completing with the rows; it fails with {@link QueryTimeoutException} past the pool's query
     *     timeout
     */
    @Async
    public Task<RowSet<Row>> query(String sql, Object... args) {
        return query(db.config.queryTimeout(), sql, args);
    }

    /**
     * Runs a statement in this transaction; past {@code timeout} it is cancelled on the server.
     * @param timeout the limit for this statement; null for none
     * @param sql one SQL statement, with {@code $1, $2, ...} placeholders
     * @param args the values bound to the placeholders, in order
     * @return a task completing with the rows; it fails with {@link QueryTimeoutException} past {@code timeout}
     */
    @Async
    public Task<RowSet<Row>> query(Duration timeout, String sql, Object... args) {
        if (closed) {
            throw new IllegalStateException("this transaction is already committed or rolled back: begin a new one");
        }
        RowSet<Row> rows = Await.on(db.run(lease.conn, timeout, sql, args));
        return Task.completed(rows);
    }

    /** Commits when {@code pending} is null, else rolls back; then returns the connection. */
    @Async
    @Override
    public Task<Void> closeAsync(Throwable pending) {
        if (closed) {
            return Task.completed();
        }
        closed = true;
        try {
            if (pending == null) {
                Await.on(tx.commit().toCompletionStage());
            } else {
                Await.on(tx.rollback().toCompletionStage());
            }
        } finally {
            lease.release();
        }
        return Task.completed();
    }
}

package org.asyncio4j.postgres;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * One pass of {@link Postgres#keyset}: hands out the buffered page and fetches the next one when it
 * runs dry. Written by hand until the processor lowers async generators.
 */
class KeysetIterator implements AsyncIterator<Row> {
    final Postgres db;
    final KeysetQuery q;
    final ArrayDeque<Row> page = new ArrayDeque<>();
    long after = Long.MIN_VALUE;
    boolean lastPage;
    boolean ready;
    Task<Boolean> fetching;

    KeysetIterator(Postgres db, KeysetQuery q) {
        this.db = db;
        this.q = q;
    }

    @Override
    public Task<Boolean> hasNext() {
        if (!page.isEmpty()) {
            ready = true;
            return Task.completed(true);
        }
        if (lastPage) {
            return Task.completed(false);
        }
        if (fetching != null && !fetching.isDone()) {
            return Task.failed(new IllegalStateException("keyset: hasNext() while the previous one is pending;"
                    + " await each hasNext() before the next"));
        }
        fetching = fetch();
        return fetching;
    }

    /** Fetches the rows after the last key seen; a short page is the last one. */
    @Async
    Task<Boolean> fetch() {
        RowSet<Row> rows = Await.on(db.query(q.sql, q.args(after)));
        for (Row r : rows) {
            page.add(r);
        }
        lastPage = rows.size() < q.pageSize;
        if (page.isEmpty()) {
            return Task.completed(false);
        }
        after = page.peekLast().getLong(q.key);
        ready = true;
        return Task.completed(true);
    }

    @Override
    public Row next() {
        if (!ready || page.isEmpty()) {
            throw new NoSuchElementException("keyset: next() without a hasNext() that completed with true");
        }
        Row r = page.poll();
        ready = !page.isEmpty();
        return r;
    }
}

package org.asyncio4j.postgres;

import io.vertx.sqlclient.SqlConnection;
import org.asyncio4j.sync.Held;

/** A connection taken from the pool together with the permit that let this task take it. */
final class Lease {
    final SqlConnection conn;
    private final Held permit;
    private final Postgres db;
    private boolean released;

    Lease(SqlConnection conn, Held permit, Postgres db) {
        this.conn = conn;
        this.permit = permit;
        this.db = db;
        db.leased++;
    }

    /**
     * Gives the connection back to Vert.x's pool and the permit to the next waiter. Loop thread only.
     * Closing a pooled connection only returns it; a failure there is reported, not lost.
     */
    void release() {
        var loop = db.loop;
        assert org.asyncio4j.EventLoop.current() == loop : "Lease.release() off its loop";
        if (released) {
            return;
        }
        released = true;
        db.leased--;
        conn.close().onFailure(e -> loop.callSoonThreadsafe(
                () -> loop.callExceptionHandler("asyncio4j-postgres: returning a connection to the pool failed", e, null)));
        permit.close();
    }
}

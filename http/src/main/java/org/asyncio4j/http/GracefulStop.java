package org.asyncio4j.http;

import java.time.Duration;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Server;

/** The waiting half of {@link HttpServer#stop}: in-flight requests get {@code grace}, then are cancelled. */
class GracefulStop {
    @Async
    Task<Void> run(HttpServer http, Server server, Promise<Void> drained, Duration grace) {
        try (Timeout t = Asyncio.timeout(grace)) {
            Await.on(Asyncio.shield(drained));
        } catch (AsyncTimeoutException e) {
            http.cancelAll();
            Await.on(Asyncio.shield(drained));
        }
        Await.on(server.waitClosed());
        return Task.completed();
    }
}

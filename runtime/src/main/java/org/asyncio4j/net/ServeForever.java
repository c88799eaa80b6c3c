package org.asyncio4j.net;

import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;

/** {@code Server.serveForever()}: waits for close; if cancelled, closes the server first (asyncio). */
final class ServeForever extends Coroutine<Void> {
    private final Server server;
    private CancelledError cancel;

    ServeForever(Server server) {
        this.server = server;
        setName("serveForever(" + server.addresses() + ")");
    }

    Task<Void> begin() {
        return start();
    }

    @Override
    @SuppressWarnings("fallthrough") // the machine's states continue into each other by design
    protected void resume() throws Throwable {
        switch (state) {
            case 0:
                if (await(server.listeningClosed(), 1)) return;
            case 1:
                try {
                    awaited();
                    returnValue(null);
                    return;
                } catch (CancelledError c) {
                    cancel = c;
                }
                server.close();
                if (await(server.waitClosed(), 2)) return;
            case 2:
                awaited();
                throw cancel;
            default:
                throw new IllegalStateException("bad state " + state);
        }
    }
}

package org.asyncio4j.net;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * The child JVM of {@link FdLimitTest}: a cold JVM (nothing preloaded, no exception handler: reports
 * go through the default logging path) started under {@code ulimit -n 200}. Serves line echo on
 * 127.0.0.1, prints {@code PORT n}, and stops when a client sends {@code quit}.
 */
public final class FdLimitChild {
    private FdLimitChild() {}

    public static void main(String[] args) {
        AtomicReference<Promise<Void>> quit = new AtomicReference<>();
        Server[] server = new Server[1];
        Asyncio.run(() -> {
            quit.set(new Promise<>());
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> new Echo(r, w, quit.get()).start(), "127.0.0.1", 0),
                    x -> {
                        server[0] = (Server) x;
                        System.out.println("PORT " + server[0].port());
                        System.out.flush();
                        return quit.get();
                    },
                    x -> server[0].closeAsync(null));
        });
        System.out.println("CHILD OK");
        System.out.flush();
    }

    /** Echoes lines with "echo:" until EOF; "quit" ends the server. */
    static final class Echo extends Coroutine<Void> {
        private static final byte[] QUIT = {'q', 'u', 'i', 't', '\n'};
        private final StreamReader r;
        private final StreamWriter w;
        private final Promise<Void> quit;

        Echo(StreamReader r, StreamWriter w, Promise<Void> quit) {
            this.r = r;
            this.w = w;
            this.quit = quit;
        }

        @Override
        protected void resume() throws Throwable {
            while (true) {
                if (state == 0) {
                    if (await(r.readLine(), 1)) {
                        return;
                    }
                }
                if (state == 2) {
                    awaited();
                    returnValue(null);
                    return;
                }
                if (state == 3) {
                    awaited();
                    state = 0;
                    continue;
                }
                byte[] line = awaited();
                if (line.length == 0 || Arrays.equals(line, QUIT)) {
                    if (line.length != 0) {
                        quit.complete(null);
                    }
                    w.close();
                    if (await(w.waitClosed(), 2)) {
                        return;
                    }
                    returnValue(null);
                    return;
                }
                byte[] reply = new byte[5 + line.length];
                System.arraycopy(new byte[] {'e', 'c', 'h', 'o', ':'}, 0, reply, 0, 5);
                System.arraycopy(line, 0, reply, 5, line.length);
                w.write(reply);
                if (await(w.drain(), 3)) {
                    return;
                }
                state = 0;
            }
        }
    }
}

package org.asyncio4j.bench.echo;

import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;

/**
 * W4 server on asyncio4j: {@code Asyncio.startServer} on 127.0.0.1, one handler task per connection
 * echoing each line with {@code readLine} / {@code write} / {@code drain}, as the Python server does.
 * Prints {@code LISTENING port=N}; serves until the runner ends the process (as the other servers).
 * The line is echoed unchanged: the shared load client checks that it reads back exactly 64 bytes.
 */
public final class Asyncio4jEchoServer {
    private Asyncio4jEchoServer() {}

    public static void main(String[] args) throws InterruptedException {
        java.util.Map<String, String> options = org.asyncio4j.bench.Measure.args(args);
        int loops = Integer.parseInt(options.getOrDefault("loops", "1"));
        org.asyncio4j.LoopGroup.Spread spread = options.getOrDefault("spread", "reuseport").equals("handoff")
                ? org.asyncio4j.LoopGroup.Spread.HAND_OFF : org.asyncio4j.LoopGroup.Spread.REUSE_PORT;
        if (loops == 1) {
            Asyncio.run(() -> new Main().begin());
            return;
        }
        // One loop per core: a LoopGroup with one SO_REUSEPORT server per loop (the same handler), or
        // with spread=handoff loop 0 accepting and handing connections round robin to the loops
        org.asyncio4j.LoopGroup group = org.asyncio4j.LoopGroup.start(loops);
        List<Server> servers = group.startServer((r, w) -> new Handler(r, w).begin(), "127.0.0.1", 0, spread);
        System.out.println("LISTENING port=" + servers.get(0).port());
        System.out.flush();
        Thread.currentThread().join(); // serves until the runner ends the process, as the other servers
    }

    /** {@code server = Await.on(startServer(Handler::new, ...)); print port; Await.on(server.serveForever());} */
    static final class Main extends Coroutine<Void> {
        Task<Void> begin() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0:
                    if (await(Asyncio.startServer((r, w) -> new Handler(r, w).begin(), "127.0.0.1", 0), 1)) return;
                case 1: {
                    Server server = awaited();
                    System.out.println("LISTENING port=" + server.port());
                    System.out.flush();
                    if (await(server.serveForever(), 2)) return;
                }
                case 2:
                    awaited();
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    /**
     * {@code try { while (true) { line = Await.on(r.readLine()); if (line.length == 0) break;
     * w.write(line); Await.on(w.drain()); } } finally { w.close(); }}
     */
    static final class Handler extends Coroutine<Void> {
        private final StreamReader reader;
        private final StreamWriter writer;

        Handler(StreamReader reader, StreamWriter writer) {
            this.reader = reader;
            this.writer = writer;
        }

        Task<Void> begin() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            try {
                for (;;) {
                    switch (state) {
                        case 0:
                        case 3: // loop head
                            if (await(reader.readLine(), 1)) return;
                        case 1: {
                            byte[] line = awaited();
                            if (line.length == 0) { // EOF
                                writer.close();
                                returnValue(null);
                                return;
                            }
                            writer.write(line);
                            if (await(writer.drain(), 2)) return;
                        }
                        case 2:
                            awaited();
                            state = 3;
                            continue;
                        default:
                            throw new IllegalStateException("state " + state);
                    }
                }
            } catch (Throwable e) {
                // finally { writer.close(); }: a failed read or drain (reset by peer) still closes the socket;
                // rethrown (failures are sneaky-thrown, so this catches checked ones too) so the server counts it.
                writer.close();
                throw e;
            }
        }
    }
}

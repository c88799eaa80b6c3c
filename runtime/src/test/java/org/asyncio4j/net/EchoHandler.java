package org.asyncio4j.net;

import java.util.List;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;

/**
 * S8's server handler, hand-written as the processor would emit it:
 * <pre>{@code
 * @Async Task<Void> handle(StreamReader r, StreamWriter w) {
 *     while (true) {
 *         byte[] line = Await.on(r.readLine());
 *         if (line.length == 0) { log.add("server saw EOF"); break; }
 *         w.write(concat("echo:", line));
 *         Await.on(w.drain());
 *     }
 *     w.close();
 *     Await.on(w.waitClosed());
 *     return Task.completed();
 * }}</pre>
 */
final class EchoHandler extends Coroutine<Void> {
    private static final byte[] PREFIX = {'e', 'c', 'h', 'o', ':'};
    private final StreamReader r;
    private final StreamWriter w;
    private final List<String> log;

    EchoHandler(StreamReader r, StreamWriter w, List<String> log) {
        this.r = r;
        this.w = w;
        this.log = log;
    }

    Task<Void> begin() {
        return start();
    }

    @Override
    @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
    protected void resume() throws Throwable {
        while (true) {
            switch (state) {
                case 0:
                    if (await(r.readLine(), 1)) return;
                case 1: {
                    byte[] line = awaited();
                    if (line.length == 0) {
                        if (log != null) {
                            log.add("server saw EOF");
                        }
                        w.close();
                        if (await(w.waitClosed(), 3)) return;
                        continue;
                    }
                    byte[] reply = new byte[PREFIX.length + line.length];
                    System.arraycopy(PREFIX, 0, reply, 0, PREFIX.length);
                    System.arraycopy(line, 0, reply, PREFIX.length, line.length);
                    w.write(reply);
                    if (await(w.drain(), 2)) return;
                }
                case 2:
                    awaited();
                    state = 0;
                    continue;
                case 3:
                    awaited();
                    returnValue(null);
                    return;
                default:
                    throw new IllegalStateException("bad state " + state);
            }
        }
    }
}

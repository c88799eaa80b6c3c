package org.asyncio4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hand-off building blocks of {@link Server} (what LoopGroup's fallback uses): an unbound server
 * that listens later, a hand-off of accepted connections, adoption elsewhere. Clients are blocking
 * sockets on the default executor, so the loop keeps serving while they wait.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandOffTest {
    static final String HOST = "127.0.0.1";
    private final List<String> log = new ArrayList<>();

    /** A handler that answers with {@code name} and ends (which closes the connection). */
    private static BiFunction<StreamReader, StreamWriter, Task<Void>> answer(String name) {
        return (r, w) -> {
            w.write((name + "\n").getBytes(StandardCharsets.UTF_8));
            return w.drain();
        };
    }

    /** Connects, returns the first line or "EOF" (the server closed without a word). */
    private static Task<String> client(int port) {
        return Asyncio.toThread(() -> {
            try (Socket s = new Socket(HOST, port)) {
                s.setSoTimeout(30_000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                return line == null ? "EOF" : line;
            }
        });
    }

    @Test
    void anAcceptorHandsItsConnectionsToAnotherServer() {
        Asyncio.run(() -> {
            Server other = Server.unbound(answer("served by other"));
            Server acceptor = Server.unbound(answer("served by the acceptor"));
            acceptor.handOff(ch -> {
                log.add("handed off");
                other.adopt(ch);
            });
            log.add("port before listening: " + acceptor.port());
            return Flow.run(
                    x -> acceptor.listen(HOST, 0),
                    x -> client(acceptor.port()),
                    x -> {
                        log.add("client: " + x);
                        log.add("other listens: " + other.port());
                        acceptor.close();
                        other.close();
                        return other.waitClosed();
                    });
        });
        assertEquals(List.of("port before listening: -1", "handed off", "client: served by other", "other listens: -1"), log);
    }

    @Test
    void aConnectionHandedToAClosedServerIsClosedAndAFailingHandOffIsReported() {
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(r -> log.add("reported: " + r.message() + ": " + r.exception().getMessage()));
            Server closed = Server.unbound(answer("never"));
            closed.close();
            Server acceptor = Server.unbound(answer("never either"));
            boolean[] fail = {false};
            acceptor.handOff(ch -> {
                if (fail[0]) {
                    throw new IllegalStateException("no loop to take it");
                }
                closed.adopt(ch);
            });
            return Flow.run(
                    x -> acceptor.listen(HOST, 0),
                    x -> client(acceptor.port()),
                    x -> {
                        log.add("client of the closed server: " + x);
                        fail[0] = true;
                        return client(acceptor.port());
                    },
                    x -> {
                        log.add("client of the failed hand-off: " + x);
                        acceptor.close();
                        return acceptor.waitClosed();
                    });
        });
        assertEquals(List.of("client of the closed server: EOF",
                "reported: handing off an accepted connection failed; it was closed: no loop to take it",
                "client of the failed hand-off: EOF"), log);
    }

    @Test
    void listenTwiceOrOnABadPortIsRefused() {
        Asyncio.run(() -> {
            Server s = Server.unbound(answer("x"));
            assertEquals("port out of range 0..65535: 70000",
                    assertThrows(IllegalArgumentException.class, () -> s.listen(HOST, 70000)).getMessage());
            return Flow.run(
                    x -> s.listen(HOST, 0),
                    x -> {
                        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.listen(HOST, 0));
                        log.add(e.getMessage().replace(String.valueOf(s.port()), "PORT"));
                        s.close();
                        return s.waitClosed();
                    });
        });
        assertEquals(List.of("listen() on a server that already listens or is closed: Server[[/127.0.0.1:PORT], connections=0]"), log);
    }
}

package org.asyncio4j.sample.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each web example's output, exactly (real sockets, real JDK clients). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebExamplesTest {
    static List<String> output(Consumer<PrintStream> example) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            example.accept(out);
        }
        return b.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void httpHello() {
        assertEquals(List.of(
                "listening on 127.0.0.1 (a free port)",
                "GET /hello/world -> 200 {\"message\": \"hello, world\"}",
                "GET /hello/asyncio4j?greeting=bonjour -> 200 {\"message\": \"bonjour, asyncio4j\"}",
                "GET /goodbye -> 404 Not Found: /goodbye",
                "GET /hello/a/b -> 404 Not Found: /hello/a/b",
                "stopped"), output(HttpHello::run));
    }

    @Test
    void proxy() {
        assertEquals(List.of(
                "GET /proxy?url=<upstream>/data -> 200 X-Upstream=yes {\"items\": [1, 2, 3]}",
                "GET /proxy?url=<upstream>/slow -> 504 X-Upstream=- upstream did not answer within 300 ms",
                "upstream handler for GET /slow cancelled: the proxy closed the connection",
                "GET /proxy?url=<closed port> -> 502 X-Upstream=- upstream unreachable: ConnectException",
                "stopped"), output(Proxy::run));
    }

    @Test
    void webSocketChat() {
        assertEquals(List.of(
                "alice <- welcome alice (1 here)",
                "bob <- welcome bob (2 here)",
                "slow <- welcome slow (3 here)",
                "alice got 40/40, bob got 40/40 in order, while slow read nothing",
                "slow reads late: kept + dropped = 40 of 40",
                "stopped; members left: 0"), output(WebSocketChat::run));
    }
}

package org.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every limit against raw-socket clients: each is a clear 4xx, a closed connection and no report on
 * the loop's exception handler. Timeouts run on a VirtualClock (default limits: headers 10 s, body
 * 30 s, idle 30 s), so the times asserted are exact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileClientTest {
    final List<String> log = new ArrayList<>();
    final List<ErrorReport> reports = new ArrayList<>();

    void run(Function<HostileScenarios, Task<Void>> scenario) {
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return scenario.apply(new AsyncHostileScenarios(log));
        }, new VirtualClock());
        assertEquals(List.of(), reports);
    }

    @Test
    void oversizedAndMalformedRequestsAreRefusedAndClosed() {
        StringBuilder manyHeaders = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 11; i++) {
            manyHeaders.append("X-").append(i).append(": v\r\n");
        }
        run(s -> s.refusals(List.of(
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(2000) + "\r\n\r\n",
                "GET /" + "y".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                manyHeaders + "\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + "a".repeat(64) + "\r\n40\r\n" + "b".repeat(64) + "\r\n0\r\n\r\n",
                "GARBAGE\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
                "GET / HTTP/1.1\r\n\r\n",
                "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /echo/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n")));
        assertEquals(List.of(
                "HTTP/1.1 431 Request Header Fields Too Large | Request Header Fields Too Large | closed",
                "HTTP/1.1 414 URI Too Long | URI Too Long | closed",
                "HTTP/1.1 431 Request Header Fields Too Large | Too many header fields: more than 10 | closed",
                "HTTP/1.1 413 Payload Too Large | Request body of 101 bytes is larger than the limit of 100 bytes | closed",
                "HTTP/1.1 413 Payload Too Large | Request body is larger than the limit of 100 bytes | closed",
                "HTTP/1.1 400 Bad Request | No URI | closed",
                "HTTP/1.1 400 Bad Request | Transfer-Encoding and Content-Length | closed",
                "HTTP/1.1 400 Bad Request | No Host | closed",
                "HTTP/1.1 400 Bad Request | Ambiguous or invalid request target: /../etc/passwd | closed",
                "HTTP/1.1 505 HTTP Version Not Supported | Unknown Version | closed",
                "HTTP/1.1 400 Bad Request | Ambiguous or invalid request target: /echo/%zz | closed",
                // Jetty's parser does not refuse a non-hex chunk size at once: it waits, and the body timeout answers.
                "HTTP/1.1 408 Request Timeout | Request body not received within 30000 ms | closed"), log);
    }

    @Test
    void aClientStillSendingItsOversizedBodyReadsThe413() {
        run(HostileScenarios::bigBodySentAnyway);
        assertEquals(List.of("HTTP/1.1 413 Payload Too Large, end of stream at 0ms"), log);
    }

    @Test
    void noContentHasNoBodyNorLength() {
        run(HostileScenarios::noContent);
        assertEquals(List.of("closed by server at 0ms", ("HTTP/1.1 204 No Content\r\n\r\n" + HostileScenarios.OK_RESPONSE.replace(
                "Content-Length: 2\r\n", "Content-Length: 2\r\nConnection: close\r\n")).replace("\r\n", "|")), log);
    }

    @Test
    void slowHeadersGet408AtTheHeaderTimeout() {
        run(s -> s.stall("GET / HTTP/1.1\r\nHost: x\r\n"));
        assertEquals(List.of("closed by server at 10000ms", "HTTP/1.1 408 Request Timeout"), log);
    }

    @Test
    void aConnectionThatSendsNothingGets408AtTheHeaderTimeout() {
        run(s -> s.stall(""));
        assertEquals(List.of("closed by server at 10000ms", "HTTP/1.1 408 Request Timeout"), log);
    }

    @Test
    void aSlowBodyGets408AtTheBodyTimeout() {
        run(s -> s.stall("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
        assertEquals(List.of("closed by server at 30000ms", "HTTP/1.1 408 Request Timeout"), log);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtTheIdleTimeout() {
        run(HostileScenarios::idleKeepAlive);
        assertEquals(List.of("answered at 0ms: true", "closed at 30000ms with 0 more bytes"), log);
    }

    @Test
    void aClientThatLeavesCancelsItsHandler() {
        run(HostileScenarios::disconnectCancelsHandler);
        assertEquals(List.of(
                "handler started GET /forever at 0ms",
                "client leaves at 1000ms",
                "handler cancelled at 1000ms",
                "connections at 2000ms: 0"), log);
    }

    @Test
    void requestsOnOneConnectionShareNoHeaderOrBody() {
        run(HostileScenarios::requestsOnOneConnectionShareNothing);
        assertEquals(List.of("closed by server at 0ms", "200 x-a=1 body=abc", "200 x-a=null body=", "200 x-a=null body=de",
                "kept: 1, null, null"), log);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        run(HostileScenarios::pipelined);
        assertEquals(List.of("closed by server at 0ms", (HostileScenarios.OK_RESPONSE
                + "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                .replace("\r\n", "|")), log);
    }

    @Test
    void gracefulStopFinishesRequestsInProgressWithinTheGrace() {
        run(s -> s.gracefulStop(Duration.ofSeconds(10)));
        assertEquals(List.of(
                "slow handler started at 0ms",
                "stop at 1000ms with 2 connections",
                "idle connection closed at 1000ms with 0 bytes",
                "slow handler answers at 5000ms",
                "closed by server at 5000ms",
                "busy got: HTTP/1.1 200 OK + Connection: close",
                "stopped at 5000ms",
                "new connection refused"), log);
    }

    @Test
    void gracefulStopCancelsWhatIsStillRunningAtTheDeadline() {
        run(s -> s.gracefulStop(Duration.ofSeconds(2)));
        assertEquals(List.of(
                "slow handler started at 0ms",
                "stop at 1000ms with 2 connections",
                "idle connection closed at 1000ms with 0 bytes",
                "slow handler cancelled at 3000ms",
                "closed by server at 3000ms",
                "busy got: nothing",
                "stopped at 3000ms",
                "new connection refused"), log);
    }
}

package org.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against the JDK's HttpClient: routing, parameters, bodies, HEAD, 404/405, keep-alive, streams, 500. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpServerTest {
    final List<String> log = new ArrayList<>();
    final List<ErrorReport> reports = new ArrayList<>();

    void run(java.util.function.Function<ClientScenarios, org.asyncio4j.Task<Void>> scenario) {
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return scenario.apply(new AsyncClientScenarios(log));
        });
    }

    @Test
    void routesParametersBodiesHeadAnd404And405() {
        run(ClientScenarios::basics);
        assertEquals(List.of(
                "200 application/json {\"id\":\"a b\",\"q\":{q=[x&y, 2], empty=[]}}",
                "200 text/plain; charset=utf-8 POST fixed body (null)",
                "200 text/plain; charset=utf-8 POST chunked body (chunked)",
                "HEAD 200 length=17 body=[]",
                "404 text/plain; charset=utf-8 Not Found: /nothing",
                "405 Allow: GET, HEAD"), log);
        assertEquals(List.of(), reports);
    }

    @Test
    void keepAliveReusesTheConnectionAndStreamsAreChunked() {
        run(ClientScenarios::keepAliveAndStreaming);
        assertEquals(List.of(
                "same connection: true",
                "ticks closed after 3",
                "200 chunked tick 0|tick 1|tick 2|",
                "same connection after a stream: true",
                "open connections: 1",
                "after stop: 0"), log);
        assertEquals(List.of(), reports);
    }

    @Test
    void bindsToLoopbackUnlessToldOtherwise() {
        run(ClientScenarios::defaultAddress);
        assertEquals(List.of("default: 127.0.0.1 loopback: true", "told: 0.0.0.0"), log);
        assertEquals(List.of(), reports);
    }

    @Test
    void aThrowingHandlerGets500AndALogLineAndTheServerGoesOn() {
        run(ClientScenarios::failingHandler);
        assertEquals("500 text/plain; charset=utf-8 Internal Server Error", log.get(0));
        assertEquals("slow handler started at", log.get(1).replaceAll(" \\d+ms$", ""));
        assertEquals("200 text/plain; charset=utf-8 slept 1ms", log.get(3));
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).message().startsWith("HTTP handler failed on GET /fail (answered 500)"), reports.get(0).message());
        assertEquals("boom", reports.get(0).exception().getMessage());
    }
}

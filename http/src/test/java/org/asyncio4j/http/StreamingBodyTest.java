package org.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Streaming routes: the handler reads the body as it arrives. Large uploads with the JDK client;
 * limits, partial reads and departures with raw sockets on a VirtualClock (body timeout 30 s).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamingBodyTest {
    final List<String> log = new ArrayList<>();
    final List<ErrorReport> reports = new ArrayList<>();

    void run(Function<StreamingScenarios, Task<Void>> scenario, boolean virtual) {
        java.util.function.Supplier<Task<Void>> main = () -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return scenario.apply(new AsyncStreamingScenarios(log));
        };
        if (virtual) {
            Asyncio.run(main, new VirtualClock());
        } else {
            Asyncio.run(main);
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void fiveMegabyteUploadsFixedAndChunkedArriveInSmallChunksAndKeepTheConnection() {
        run(StreamingScenarios::bigUploads, false);
        assertEquals(List.of(
                "fixed length: 200 as sent: true",
                "chunked: 200 as sent: true",
                "same connection throughout: true"), log);
    }

    static final String OK_CLOSE = "Connection: close\r\n";

    @Test
    void theBodyLimitHoldsAndAnUnreadBodyClosesTheConnectionAfterTheResponse() {
        String chunked150 = "Transfer-Encoding: chunked\r\n\r\n32\r\n" + "a".repeat(50) + "\r\n32\r\n" + "b".repeat(50)
                + "\r\n32\r\n" + "c".repeat(50) + "\r\n0\r\n\r\n";
        run(s -> s.rawExchanges(List.of(
                // Read whole: the pipelined second request is answered on the same connection.
                "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                        + "POST /upload HTTP/1.1\r\nHost: x\r\n" + OK_CLOSE + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                // Not read at all, or only its first chunk: the answer closes the connection; the pipelined request is dropped.
                "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789GET /port HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /first HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n",
                // Over the limit of 100 bytes: announced (refused before the handler runs), or found while streaming.
                "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n",
                "POST /upload HTTP/1.1\r\nHost: x\r\n" + chunked150,
                "POST /careful HTTP/1.1\r\nHost: x\r\n" + chunked150,
                // A body that stops arriving: the body timeout, seen by the handler as it reads.
                "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234")), true);
        // Times add up over the exchanges: after a response that leaves a body unread the server half-closes
        // and drops what the client still sends for up to 2 s (HttpConnection.LINGER); on the VirtualClock that
        // timer is the next event, so each such exchange ends 2 s of loop time after it began.
        assertEquals(List.of(
                "HTTP/1.1 200 OK | bytes=5 crc=3610a686 chunks>1:false largest<=16KiB:true || "
                        + "HTTP/1.1 200 OK (close) | bytes=3 crc=352441c2 chunks>1:false largest<=16KiB:true || then closed by server at 0ms",
                "HTTP/1.1 200 OK (close) | ignored || then closed by server at 2000ms",
                "HTTP/1.1 200 OK (close) | first chunk: abc || then closed by server at 4000ms",
                "HTTP/1.1 413 Payload Too Large (close) | Request body of 101 bytes is larger than the limit of 100 bytes || then closed by server at 6000ms",
                "upload handler: body failed with HttpError at 6000ms",
                "HTTP/1.1 413 Payload Too Large (close) | Request body is larger than the limit of 100 bytes || then closed by server at 8000ms",
                "HTTP/1.1 422 Unprocessable Entity (close) | stopped after 100 bytes: Request body is larger than the limit of 100 bytes || then closed by server at 10000ms",
                "upload handler: body failed with HttpError at 40000ms",
                "HTTP/1.1 408 Request Timeout (close) | Request body not received within 30000 ms || then closed by server at 42000ms"),
                log);
    }

    @Test
    void aClientLeavingMidBodyEndsTheHandlerQuietly() {
        run(StreamingScenarios::clientLeavesMidBody, true);
        assertEquals(List.of("upload handler: body failed with ClientGone at 1000ms", "stopped at 1000ms, connections: 0"), log);
    }
}

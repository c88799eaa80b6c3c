package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 6: the loop's reporting path never throws. Here logging itself fails (a JUL handler
 * that throws, as the default one did when it could not open the time zone data for want of a
 * descriptor): the report goes to System.err and the loop runs on.
 */
class ReportNeverThrowsTest {

    @Test
    void aReportWhoseLoggingFailsGoesToStderrAndTheLoopRunsOn() {
        Logger jul = Logger.getLogger("org.asyncio4j");
        Handler broken = new Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new IllegalStateException("logging is broken");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean parents = jul.getUseParentHandlers();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> log = new ArrayList<>();
        jul.addHandler(broken);
        jul.setUseParentHandlers(false);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Asyncio.run(() -> {
                EventLoop loop = EventLoop.current();
                loop.callSoon(() -> {
                    throw new IllegalArgumentException("callback failed");
                });
                loop.callSoon(() -> log.add("next callback ran"));
                loop.callExceptionHandler("a direct report", new RuntimeException("x"), null);
                log.add("callExceptionHandler returned");
                return Asyncio.yieldNow();
            }, new VirtualClock());
            log.add("run returned");
        } finally {
            System.setErr(err);
            jul.removeHandler(broken);
            jul.setUseParentHandlers(parents);
        }
        assertEquals(List.of("callExceptionHandler returned", "next callback ran", "run returned"), log);
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("asyncio4j ERROR: a direct report: java.lang.RuntimeException: x (logging failed: java.lang.IllegalStateException: logging is broken)"), out);
        assertTrue(out.contains("java.lang.IllegalArgumentException: callback failed"), out);
    }
}

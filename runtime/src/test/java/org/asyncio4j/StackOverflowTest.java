package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** A StackOverflowError is reported and survived, as asyncio reports a RecursionError (issue 18, item 9). */
class StackOverflowTest {
    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void inACallbackItIsReportedAndTheLoopRunsOn() {
        List<ErrorReport> reports = new ArrayList<>();
        List<String> log = new ArrayList<>();
        String result = Asyncio.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.setExceptionHandler(reports::add);
            loop.callSoon(() -> log.add("depth " + recurse(0)));
            loop.callSoon(() -> log.add("next callback"));
            return Asyncio.sleep(java.time.Duration.ofMillis(1), "main finished");
        }, new VirtualClock());
        assertEquals("main finished", result);
        assertEquals(List.of("next callback"), log);
        assertEquals(1, reports.size(), reports.toString());
        assertInstanceOf(StackOverflowError.class, reports.get(0).exception());
    }

    @Test
    void inATaskNobodyAwaitsItIsReportedAsNeverRetrieved() {
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().clock(new VirtualClock()).exceptionHandler(reports::add).build();
        loop.runUntilComplete(() -> {
            Asyncio.createTask(() -> Task.completed(recurse(0)), "deep");
            return Asyncio.sleep(java.time.Duration.ofMillis(1));
        });
        loop.close();
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Task exception was never retrieved", reports.get(0).message());
        assertInstanceOf(StackOverflowError.class, reports.get(0).exception());
        assertEquals("deep", reports.get(0).taskName());
    }
}

package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionGroup;
import org.asyncio4j.RunOptions;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** A CancelledError says which task (or group, or timeout) cancelled which; the message stays asyncio's. */
class WhoCancelledTest {
    private static String at(String method, String marker) {
        return "org.asyncio4j.it.WhoCancelled." + method + "(WhoCancelled.java:" + Markers.line("WhoCancelled", marker) + ")";
    }

    private static RunOptions debug() {
        return RunOptions.debug().clock(new VirtualClock()).watchdog(false).debugLog(m -> { });
    }

    @Test
    void aTaskCancelledByAnotherSaysByWhichWithoutTouchingTheMessage() {
        AsyncWhoCancelled w = new AsyncWhoCancelled();
        CancelledError e = Asyncio.run(() -> w.oneCancelsAnother(null), new VirtualClock());
        assertNull(e.getMessage()); // asyncio: CancelledError() has no args
        assertEquals("victim was cancelled by canceller", e.reason());
        assertEquals("org.asyncio4j.CancelledError (victim was cancelled by canceller)", e.toString());
        assertSame(w.caught.get("victim"), e); // the victim rethrew the one it caught
    }

    @Test
    void aCancelMessageIsKeptAsGivenAndTheReasonRidesBesideIt() {
        AsyncWhoCancelled w = new AsyncWhoCancelled();
        CancelledError e = Asyncio.run(() -> w.oneCancelsAnother("shutting down"), new VirtualClock());
        assertEquals("shutting down", e.getMessage());
        assertEquals("victim was cancelled by canceller", e.reason());
        assertEquals("org.asyncio4j.CancelledError: shutting down (victim was cancelled by canceller)", e.toString());
    }

    @Test
    void inDebugModeTheReasonNamesTheLineOfTheCancelCall() {
        AsyncWhoCancelled w = new AsyncWhoCancelled();
        CancelledError e = Asyncio.run(() -> w.oneCancelsAnother(null), debug());
        assertEquals("victim was cancelled by canceller at " + at("canceller", "CANCEL-CALL"), e.reason());
        CancelledError m = Asyncio.run(() -> new AsyncWhoCancelled().oneCancelsAnother("bye"), debug());
        assertEquals("victim was cancelled by canceller at " + at("canceller", "CANCEL-MSG"), m.reason());
    }

    @Test
    void aTaskGroupSaysWhichChildFailed() {
        AsyncWhoCancelled w = new AsyncWhoCancelled();
        ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Asyncio.run(w::groupAbort, new VirtualClock()));
        assertEquals("bad failed", g.exceptions().get(0).getMessage());
        assertEquals(List.of("sibling", "main"), new ArrayList<>(w.caught.keySet()));
        assertEquals("sibling was cancelled by the TaskGroup of main because bad failed", w.caught.get("sibling").reason());
        assertEquals("main was cancelled by the TaskGroup of main because bad failed", w.caught.get("main").reason());
    }

    @Test
    void aTimeoutSaysWhichTimeoutAndInDebugModeWhereItWasSet() {
        AsyncWhoCancelled w = new AsyncWhoCancelled();
        assertThrows(org.asyncio4j.AsyncTimeoutException.class, () -> Asyncio.run(w::timedOut, new VirtualClock()));
        assertEquals("main was cancelled by the timeout of 2.0 s entered at 0.0 s of loop time in task main expired at 2.0 s",
                w.caught.get("main").reason());
        AsyncWhoCancelled d = new AsyncWhoCancelled();
        assertThrows(org.asyncio4j.AsyncTimeoutException.class, () -> Asyncio.run(d::timedOut, debug()));
        assertEquals("main was cancelled by the timeout of 2.0 s set at " + at("timedOut", "TIMEOUT-SET")
                + " entered at 0.0 s of loop time in task main expired at 2.0 s", d.caught.get("main").reason());
    }

    @Test
    void aNeverRetrievedReportOfATaskThatFailedWhenCancelledSaysWhoCancelledIt() {
        AsyncWhoCancelled w = new AsyncWhoCancelled();
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().options(RunOptions.defaults().clock(new VirtualClock()))
                .exceptionHandler(reports::add).build();
        assertEquals(0, loop.runUntilComplete(w::dropsAStubbornTask));
        loop.close();
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("cleanup failed", reports.get(0).exception().getMessage());
        assertEquals("stubborn, after stubborn was cancelled by main", reports.get(0).taskName());
    }
}

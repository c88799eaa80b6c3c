package org.asyncio4j.swing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Promise;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Swing loop, headless: no display is needed, the tests drive the event dispatch thread (EDT)
 * directly. Every logged line records whether it ran on the EDT (see {@link GuiScenarios#note}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a lost wake-up would otherwise hang for the hour the sleeps ask for
class SwingLoopTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final GuiScenarios s = new AsyncGuiScenarios(log);

    @BeforeAll
    static void headless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "these tests run with -Djava.awt.headless=true (see swing/pom.xml)");
    }

    @AfterEach
    void noThreadLeft() throws Exception {
        // The loop is closed once run() returns: its waiter and its default executor's threads are gone.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.startsWith("asyncio4j-swing-waiter") || n.startsWith("asyncio4j-executor-")) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(t.isAlive(), "thread left running after the loop closed: " + n);
            }
        }
    }

    @Test
    void timersOnAVirtualClockStepsOnTheEdtSwingEventsBeforeTimeJumps() {
        SwingLoop.run(s::timers, RunOptions.defaults().clock(new VirtualClock()));
        assertEquals(List.of("start t=0", "swing event t=0", "slept t=1000", "b t=3000", "a t=4000", "end t=4000"), log);
    }

    @Test
    void aRealSocketEchoRunsBothEndsOnTheEdt() {
        SwingLoop.run(s::echo);
        assertEquals(List.of("connected", "server got hello swing", "client got HELLO SWING", "closed"), log);
    }

    @Test
    void toThreadWorksOffTheEdtAndItAndARealTimerResumeOnIt() {
        SwingLoop.run(s::toThread);
        assertEquals(List.of("before", "work off the EDT", "after a real 5 ms sleep"), log);
    }

    @Test
    void swingListenersStartAndCancelTasksWhileTheLoopWaits() {
        SwingLoop.run(s::listeners);
        assertEquals(List.of("sleeper waits", "start clicked", "task made by a listener runs", "started: yes",
                "cancel clicked", "sleeper cancelled", "main saw the sleeper cancelled"), log);
    }

    @Test
    void aListenerClosesAServerWhileTheLoopWaitsOnItsSelector() {
        SwingLoop.run(s::stopServerFromAListener);
        assertEquals(List.of("stop clicked, serving: false", "server closed"), log);
    }

    @Test
    void theEdtRunsOtherCodeWhileTheLoopWaits() throws Exception {
        CompletableFuture<Promise<String>> handOut = new CompletableFuture<>();
        CompletableFuture<String> outcome = SwingLoop.start(() -> s.answered(handOut));
        Promise<String> p = handOut.get(30, TimeUnit.SECONDS);
        // invokeAndWait returns only if the EDT is free while the loop waits on p
        EventQueue.invokeAndWait(() -> {
            s.note("swing ran code while the loop waited");
            p.complete("the answer");
        });
        assertEquals("the answer", outcome.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("swing ran code while the loop waited", "main got the answer"), log);
    }

    @Test
    void aBusyLoopStillGivesSwingItsTurn() {
        int yields = SwingLoop.run(s::busy);
        assertTrue(yields > 0, "the loop yielded " + yields + " times before Swing's event ran");
        assertEquals(List.of("swing ran while the loop was busy"), log);
    }

    @Test
    void underAVirtualClockSwingGetsItsTurnAtEveryIteration() {
        // deterministic: the event queued by main's first step runs in the next iteration's turn
        int yields = SwingLoop.run(s::busy, RunOptions.defaults().clock(new VirtualClock()));
        assertEquals(1, yields);
    }

    @Test
    void failuresInStepsAndCallbacksAreReportedOnTheEdt() {
        SwingLoop.run(s::failures, RunOptions.defaults().clock(new VirtualClock()));
        assertEquals(List.of("reported: Exception in callback Handle[the failing callback]: boom in a callback",
                "failing", "lost task done: true",
                "reported: Task exception was never retrieved: boom in a task nobody awaits"), log);
    }

    @Test
    void mainsFailureIsRethrownUnchanged() {
        IllegalArgumentException boom = new IllegalArgumentException("main failed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SwingLoop.run(() -> Task.failed(boom)));
        assertSame(boom, e);
        ExecutionException viaStart = assertThrows(ExecutionException.class,
                () -> SwingLoop.start(() -> Task.failed(boom)).get(30, TimeUnit.SECONDS));
        assertSame(boom, viaStart.getCause());
    }

    @Test
    void runOnTheEdtRunsInPlaceAndASecondLoopThereIsRefused() throws Exception {
        AtomicReference<String> inPlace = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> inPlace.set(SwingLoop.run(() -> Task.completed(
                SwingLoop.isRunning() + " " + EventQueue.isDispatchThread()))));
        assertEquals("true true", inPlace.get());
        assertFalse(SwingLoop.isRunning(), "no loop on the test thread");
        AtomicReference<Throwable> nested = new AtomicReference<>();
        SwingLoop.run(() -> {
            try {
                SwingLoop.run(() -> Task.completed(1));
            } catch (IllegalStateException e) {
                nested.set(e);
            }
            return Task.completed(null);
        });
        assertEquals("a loop already runs on the event dispatch thread: start more work in it with Asyncio.createTask(...)"
                + " (Swing listeners run on the loop's thread) instead of a second loop", nested.get().getMessage());
        assertEquals(1, Asyncio.run(() -> Task.completed(1)), "an ordinary loop on this thread is unaffected");
    }
}

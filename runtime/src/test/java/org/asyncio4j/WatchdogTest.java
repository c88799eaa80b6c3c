package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * Debug mode's watchdog: a step that is still holding the loop past the threshold is reported while
 * it is stuck, with the loop thread's Java stack and a task dump. The step clock is a counter the
 * test moves; latches (not sleeps) hold the loop inside the step.
 */
class WatchdogTest {
    /** A task whose step blocks its thread (what Thread.sleep or a JDBC call in an @Async body does). */
    static final class Stuck extends Coroutine<String> {
        final CountDownLatch inStep;
        final CountDownLatch release;

        Stuck(CountDownLatch inStep, CountDownLatch release) {
            this.inStep = inStep;
            this.release = release;
        }

        @Override
        protected void resume() throws InterruptedException {
            inStep.countDown();
            release.await(); // the blocking call the watchdog must point at
            returnValue("released");
        }

        @Override
        protected StackTraceElement frame() {
            return new StackTraceElement("com.example.Service", "handle", "Service.java", 42);
        }
    }

    private static Thread runOnItsThread(RunOptions options, CountDownLatch inStep, CountDownLatch release,
            AtomicReference<EventLoop> loop, AtomicReference<String> result) {
        Thread t = new Thread(() -> result.set(Asyncio.run(() -> {
            loop.set(EventLoop.current());
            Stuck s = new Stuck(inStep, release);
            s.startLazily();
            return s;
        }, options)), "the-loop");
        t.start();
        return t;
    }

    /** Until {@code t} is parked (waiting on the release latch); no sleeping, a deadline only. */
    private static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the loop thread did not block in its step: " + t.getState());
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aStuckStepIsReportedOnceWithTheLoopThreadsStackAndTheTasks() throws Exception {
        AtomicLong nanos = new AtomicLong();
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        Thread t = runOnItsThread(RunOptions.debug().clock(new VirtualClock()).watchdog(false).stepClock(nanos::get)
                .debugLog(log::add), inStep, release, loop, result);
        assertTrue(inStep.await(30, TimeUnit.SECONDS), "the loop did not reach the step");
        awaitParked(t); // inside release.await(), not still returning from inStep.countDown()
        Debug debug = loop.get().debug;
        debug.checkStuck();
        assertEquals(List.of(), log, "not past the threshold yet");
        nanos.addAndGet(250_000_000L);
        debug.checkStuck();
        debug.checkStuck(); // the same step is reported once
        release.countDown();
        t.join(30_000);
        assertEquals("released", result.get());
        // the watchdog's report while stuck, then (the step over) the slow-step report
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(1).startsWith("asyncio4j debug: a step of task 'Task-"), log.get(1));
        assertTrue(log.get(1).contains("(resumed at com.example.Service.handle(Service.java:42), then it finished)"
                + " held the event loop for 0.250 s"), log.get(1));
        String report = log.get(0);
        assertTrue(report.startsWith("asyncio4j watchdog: the event loop has been stuck in one step for 0.250 s (the"
                + " threshold is 0.100 s), in task 'Task-"), report);
        assertTrue(report.contains("The loop thread 'the-loop' is at:\n"), report);
        // the loop thread's stack: the blocking call, inside the task's resume
        int latch = report.indexOf("java.util.concurrent.CountDownLatch.await(");
        int resume = report.indexOf("org.asyncio4j.WatchdogTest$Stuck.resume(WatchdogTest.java:");
        assertTrue(latch > 0 && resume > latch, report);
        // the task dump: the stuck task is the running one, at its source line
        assertTrue(java.util.regex.Pattern.compile("\n\\d+ pending tasks? at 0\\.000 s of loop time:\n").matcher(report).find(),
                report);
        assertTrue(java.util.regex.Pattern.compile("\"Task-\\d+\" running[^\n]*\n    at com\\.example\\.Service\\.handle\\(Service\\.java:42\\)\n")
                .matcher(report).find(), report);
    }

    @Test
    void theWatchdogThreadReportsWithoutBeingAsked() throws Exception {
        AtomicLong nanos = new AtomicLong();
        LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        Consumer<String> sink = log::add;
        Thread t = runOnItsThread(RunOptions.debug().clock(new VirtualClock()).stepClock(nanos::get).debugLog(sink),
                inStep, release, loop, result);
        assertTrue(inStep.await(30, TimeUnit.SECONDS), "the loop did not reach the step");
        nanos.addAndGet(1_000_000_000L);
        String report = log.poll(30, TimeUnit.SECONDS); // the watchdog looks every 50 ms of real time
        release.countDown();
        t.join(30_000);
        assertTrue(report != null && report.startsWith("asyncio4j watchdog: the event loop has been stuck in one step"
                + " for 1.000 s"), String.valueOf(report));
        assertEquals("released", result.get());
    }
}

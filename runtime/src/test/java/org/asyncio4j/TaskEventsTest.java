package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** The JFR events of issue 17: task created / finished (off unless enabled) and the watchdog's loop stall. */
class TaskEventsTest {
    private static List<RecordedEvent> record(List<String> enable, Runnable work) throws Exception {
        Path file = Files.createTempFile("task-events", ".jfr");
        try (Recording rec = new Recording()) {
            for (String e : enable) {
                rec.enable(e);
            }
            rec.start();
            work.run();
            rec.stop();
            rec.dump(file);
            return RecordingFile.readAllEvents(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Main creates "ok" (succeeds), "bad" (fails) and "sleepy" (cancelled by main), awaiting each. */
    private static String program() {
        return S.run(() -> {
            Task<Integer> ok = Asyncio.createTask(() -> S.start(r -> await(Asyncio.sleep(Duration.ofMillis(1))), r -> done(1)), "ok");
            Task<Integer> bad = Asyncio.createTask(() -> S.start(r -> {
                throw new IllegalStateException("bad luck");
            }), "bad");
            Task<Integer> sleepy = Asyncio.createTask(() -> S.start(r -> await(Asyncio.sleep(Duration.ofSeconds(10))),
                    r -> done(r.get())), "sleepy");
            Task.current().setName("main");
            return S.start(r -> await(ok), r -> await(Asyncio.gatherSettled(List.of(bad))), r -> {
                sleepy.cancel();
                return await(Asyncio.gatherSettled(List.of(sleepy)));
            }, r -> done("ran"));
        });
    }

    @Test
    void taskCreatedAndFinishedAreRecordedWhenEnabled() throws Exception {
        List<RecordedEvent> events = record(List.of("org.asyncio4j.TaskCreated", "org.asyncio4j.TaskFinished"),
                () -> assertEquals("ran", program()));
        List<String> seen = new ArrayList<>();
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (type.equals("org.asyncio4j.TaskFinished") && List.of("ok", "bad", "sleepy").contains(e.getString("task"))) {
                seen.add(e.getString("task") + " finished: " + e.getString("outcome"));
            }
        }
        // "ok" and "sleepy": the createTask handle merges into the body's task (one task, as asyncio's)
        assertEquals(List.of("bad finished: failed: java.lang.IllegalStateException: bad luck",
                "ok finished: merged into the task its body returned, which carries on", "ok finished: result",
                "sleepy finished: cancelled: sleepy was cancelled by main",
                "sleepy finished: merged into the task its body returned, which carries on"),
                seen.stream().sorted().toList(), events.toString());
        // a created event per task, matched to its finished event by id; its stack trace is where it was created
        long created = events.stream().filter(e -> e.getEventType().getName().equals("org.asyncio4j.TaskCreated")).count();
        long finished = events.stream().filter(e -> e.getEventType().getName().equals("org.asyncio4j.TaskFinished")).count();
        assertEquals(created, finished, events.toString());
        RecordedEvent c = events.stream().filter(e -> e.getEventType().getName().equals("org.asyncio4j.TaskCreated"))
                .filter(e -> e.getString("createdBy") != null).findFirst().orElseThrow();
        assertTrue(c.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getType().getName()
                .equals(TaskEventsTest.class.getName())), c.toString());
    }

    @Test
    void taskEventsAreOffInARecordingThatDoesNotEnableThem() throws Exception {
        List<RecordedEvent> events = record(List.of("org.asyncio4j.SlowStep"), () -> assertEquals("ran", program()));
        assertEquals(List.of(), events.stream().map(e -> e.getEventType().getName())
                .filter(n -> n.startsWith("org.asyncio4j.Task")).toList());
    }

    /** A step that blocks until released; the watchdog is driven by hand as in WatchdogTest. */
    static final class Stuck extends Coroutine<String> {
        final CountDownLatch inStep = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void resume() throws InterruptedException {
            inStep.countDown();
            release.await();
            returnValue("released");
        }
    }

    @Test
    void theWatchdogRecordsALoopStall() throws Exception {
        AtomicLong nanos = new AtomicLong();
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        Stuck[] stuck = new Stuck[1];
        CountDownLatch made = new CountDownLatch(1);
        List<RecordedEvent> events = record(List.of("org.asyncio4j.LoopStall"), () -> {
            Thread t = new Thread(() -> result.set(Asyncio.run(() -> {
                loop.set(EventLoop.current());
                Stuck s = new Stuck();
                stuck[0] = s;
                made.countDown();
                s.setName("blocker");
                s.startLazily();
                return s;
            }, RunOptions.debug().clock(new VirtualClock()).watchdog(false).stepClock(nanos::get).debugLog(m -> { }))),
                    "stall-loop");
            t.start();
            try {
                assertTrue(made.await(30, TimeUnit.SECONDS));
                assertTrue(stuck[0].inStep.await(30, TimeUnit.SECONDS));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (t.getState() != Thread.State.WAITING) {
                    assertTrue(System.nanoTime() < deadline, "the loop thread did not block: " + t.getState());
                    Thread.onSpinWait();
                }
                nanos.addAndGet(300_000_000L);
                loop.get().debug.checkStuck();
                stuck[0].release.countDown();
                t.join(30_000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("released", result.get());
        List<RecordedEvent> stalls = events.stream().filter(x -> x.getEventType().getName().equals("org.asyncio4j.LoopStall")).toList();
        assertEquals(1, stalls.size(), events.toString());
        RecordedEvent e = stalls.get(0);
        assertEquals("blocker", e.getString("task"));
        assertEquals(300_000_000L, e.getLong("heldNanos"));
        assertEquals("stall-loop", e.getString("loopThread"));
        assertTrue(e.getString("loopStack").contains("java.util.concurrent.CountDownLatch.await("), e.getString("loopStack"));
    }
}

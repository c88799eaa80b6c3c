package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.RunOptions;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** Debug mode on generated machines: exact reports, with the source lines of the blueprint. */
class DebugModeTest {
    private static String at(String method, String marker) {
        return "org.asyncio4j.it.Debugged." + method + "(Debugged.java:" + line(marker) + ")";
    }

    static int line(String marker) {
        return Markers.line("Debugged", marker);
    }

    @Test
    void aSlowStepIsReportedWithTheLinesItResumedAndSuspendedAt() {
        AsyncDebugged d = new AsyncDebugged();
        List<String> log = new ArrayList<>();
        int r = Asyncio.run(d::busy, RunOptions.debug().clock(new VirtualClock()).watchdog(false)
                .stepClock(d.stepNanos::get).debugLog(log::add));
        assertEquals(1, r);
        assertEquals(1, log.size(), log.toString());
        Matcher m = Pattern.compile("asyncio4j debug: a step of task '(Task-\\d+)' \\(resumed at (.*), suspended at (.*)\\)"
                + " held the event loop for 0\\.150 s \\(the threshold is 0\\.100 s\\): every other task waited meanwhile\\..*")
                .matcher(log.get(0));
        assertTrue(m.matches(), log.get(0));
        assertEquals(at("busy", "SLOW-RESUMED"), m.group(2));
        assertEquals(at("busy", "SLOW-SUSPENDED"), m.group(3));
    }

    @Test
    void withoutDebugModeNothingIsTimed() {
        AsyncDebugged d = new AsyncDebugged();
        List<String> log = new ArrayList<>();
        Asyncio.run(d::busy, RunOptions.defaults().clock(new VirtualClock()).stepClock(d.stepNanos::get).debugLog(log::add));
        assertEquals(List.of(), log);
    }

    @Test
    void aTaskDumpShowsEachAwaitChainWithItsLines() {
        AsyncDebugged d = new AsyncDebugged();
        assertEquals("dumped", Asyncio.run(d::dumpWhileNested, new VirtualClock()));
        String dump = d.dump;
        assertTrue(dump.matches("(?s)\\d+ pending tasks at 0\\.010 s of loop time:\n.*"), dump);
        // the innermost task: waiting on the sleep, at its line, awaited by level2 then level1
        Matcher m = Pattern.compile("\"(Task-\\d+)\" waiting on (.*)\n    at " + Pattern.quote(at("level3", "DUMP-3"))
                + "\n    awaited by \"Task-\\d+\" at " + Pattern.quote(at("level2", "DUMP-2"))
                + "\n    awaited by \"Task-\\d+\" at " + Pattern.quote(at("level1", "DUMP-1")) + "\n").matcher(dump);
        assertTrue(m.find(), dump);
        // and the dumping task itself is running
        assertTrue(Pattern.compile("\"Task-\\d+\" running\n    at org\\.asyncio4j\\.it\\.Debugged\\.dumpWhileNested").matcher(dump).find(), dump);
    }

    @Test
    void aNeverRetrievedReportSaysWhereTheTaskWasCreated() {
        AsyncDebugged d = new AsyncDebugged();
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().options(RunOptions.debug().clock(new VirtualClock()).watchdog(false))
                .exceptionHandler(reports::add).build();
        assertEquals(1, loop.runUntilComplete(d::dropsAFailingTask));
        loop.close();
        assertEquals(1, reports.size(), reports.toString());
        ErrorReport rep = reports.get(0);
        assertEquals("nobody looks at this", rep.exception().getMessage());
        assertTrue(rep.taskName().matches("Task-\\d+, created at " + Pattern.quote(at("dropsAFailingTask", "CREATED"))
                + " in task 'Task-\\d+'"), rep.taskName());
    }

    @Test
    void aSlowStepIsAJfrEventWhenRecording() throws Exception {
        AsyncDebugged d = new AsyncDebugged();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("slow-step", ".jfr");
        try (jdk.jfr.Recording rec = new jdk.jfr.Recording()) {
            rec.enable("org.asyncio4j.SlowStep");
            rec.start();
            Asyncio.run(d::busy, RunOptions.debug().clock(new VirtualClock()).watchdog(false)
                    .stepClock(d.stepNanos::get).debugLog(m -> { }));
            rec.stop();
            rec.dump(file);
            List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(file);
            assertEquals(1, events.size(), events.toString());
            jdk.jfr.consumer.RecordedEvent e = events.get(0);
            assertEquals("org.asyncio4j.SlowStep", e.getEventType().getName());
            assertEquals(at("busy", "SLOW-RESUMED"), e.getString("resumedAt"));
            assertEquals(150_000_000L, e.getLong("heldNanos"));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void anExceptionThreeAwaitsDeepNamesTheLineThatThrewThenEachAwait(boolean suspend) {
        AsyncDebugged d = new AsyncDebugged();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Asyncio.run(() -> d.deep1(suspend), new VirtualClock()));
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(Debugged.class.getName())) {
                frames.add(f.toString());
            }
        }
        // innermost first (the throw itself, not the await before it), then each awaiter at its await
        assertEquals(List.of(at("deep3", "THROW-3"), at("deep2", "AWAIT-2"), at("deep1", "AWAIT-1")), frames,
                java.util.Arrays.toString(e.getStackTrace()));
    }

    @Test
    void theCreationSiteIsTheLineOfTheCallNotTheAwaitBeforeIt() {
        AsyncDebugged d = new AsyncDebugged();
        List<ErrorReport> reports = new ArrayList<>();
        EventLoop loop = EventLoop.builder().options(RunOptions.debug().clock(new VirtualClock()).watchdog(false))
                .exceptionHandler(reports::add).build();
        assertEquals(1, loop.runUntilComplete(d::dropsAfterAnAwait));
        loop.close();
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).taskName().matches("Task-\\d+, created at " + Pattern.quote(at("dropsAfterAnAwait", "CREATED-LATER"))
                + " in task 'Task-\\d+'"), reports.get(0).taskName());
    }

    @Test
    void inDebugModeATaskDumpSaysHowLongEachTaskHasWaited() {
        AsyncDebugged d = new AsyncDebugged();
        assertEquals("dumped", Asyncio.run(d::dumpWhileNested, RunOptions.debug().clock(new VirtualClock()).watchdog(false)));
        // level3 has waited on its sleep since 0 s, level2 and level1 on their awaits since then too
        Matcher m = Pattern.compile("\"Task-\\d+\" waiting on (.*) for 0\\.010 s \\(created at [^\n]*\\)\n    at "
                + Pattern.quote(at("level3", "DUMP-3")) + "\n").matcher(d.dump);
        assertTrue(m.find(), d.dump);
        assertTrue(Pattern.compile("\"Task-\\d+\" waiting on task \"Task-\\d+\" for 0\\.010 s \\(created at [^\n]*\\)\n    at "
                + Pattern.quote(at("level2", "DUMP-2")) + "\n").matcher(d.dump).find(), d.dump);
        // the dumping task, which is running, has no wait time
        assertTrue(Pattern.compile("\"Task-\\d+\" running \\(created at").matcher(d.dump).find(), d.dump);
    }

    /** The frames of {@code e} from the top down to the first frame of this test class (shown as "test"). */
    private static List<String> framesDownToTheTest(Throwable e) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(DebugModeTest.class.getName())) {
                frames.add("test");
                return frames;
            }
            String name = f.getClassName().replace("org.asyncio4j.it.", "").replace("org.asyncio4j.", "") + "." + f.getMethodName();
            frames.add(f.getClassName().equals(Debugged.class.getName()) ? name + ":" + f.getLineNumber() : name);
        }
        throw new AssertionError("no frame of the test in " + frames);
    }

    @Test
    void theEnginesFramesBetweenUserFramesAreTrimmed() {
        AsyncDebugged d = new AsyncDebugged();
        IllegalStateException suspended = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Asyncio.run(() -> d.deep1(true), new VirtualClock()));
        // the loop's frames between deep1's await and the caller of Asyncio.run: only Asyncio.run stays
        assertEquals(List.of("AsyncDebugged.deep3$resume", "AsyncDebugged$Deep3Machine.resume",
                "Debugged.deep3:" + line("THROW-3"), "Debugged.deep2:" + line("AWAIT-2"), "Debugged.deep1:" + line("AWAIT-1"),
                "Asyncio.run", "test"), framesDownToTheTest(suspended));
        IllegalStateException eager = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Asyncio.run(() -> d.deep1(false), new VirtualClock()));
        // started eagerly: the Java calls of the three machines stay, without Coroutine.start between them
        assertEquals(List.of("AsyncDebugged.deep3$resume", "AsyncDebugged$Deep3Machine.resume",
                "Debugged.deep3:" + line("THROW-3"), "Debugged.deep2:" + line("AWAIT-2"), "Debugged.deep1:" + line("AWAIT-1"),
                "AsyncDebugged.deep3", "AsyncDebugged.deep2$resume", "AsyncDebugged$Deep2Machine.resume",
                "AsyncDebugged.deep2", "AsyncDebugged.deep1$resume", "AsyncDebugged$Deep1Machine.resume",
                "AsyncDebugged.deep1", "test"), framesDownToTheTest(eager));
    }

    @Test
    void inDebugModeTheEnginesFramesStay() {
        AsyncDebugged d = new AsyncDebugged();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Asyncio.run(() -> d.deep1(true), RunOptions.debug().clock(new VirtualClock()).watchdog(false)));
        List<String> frames = framesDownToTheTest(e);
        assertEquals(List.of("AsyncDebugged.deep3$resume", "AsyncDebugged$Deep3Machine.resume",
                "Debugged.deep3:" + line("THROW-3"), "Debugged.deep2:" + line("AWAIT-2"), "Debugged.deep1:" + line("AWAIT-1"),
                "Coroutine.step"), frames.subList(0, 6), frames.toString());
        assertTrue(frames.contains("EventLoop.runUntilComplete") && frames.contains("Debug.runEntry"), frames.toString());
    }
}

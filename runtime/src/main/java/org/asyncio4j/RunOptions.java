package org.asyncio4j;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How {@link Asyncio#run(java.util.function.Supplier, RunOptions)} runs a program: its clock, and
 * debug mode (asyncio's {@code debug=True}, with more to see):
 * <ul>
 * <li>a step (a task's resume, a callback) that holds the loop longer than {@link #slowStep} (100 ms
 *   by default) is reported with the task's name and the source lines it resumed at and suspended at;
 * <li>a watchdog thread reports a step that is <em>still</em> running past the threshold, with the loop
 *   thread's Java stack (where the {@code Thread.sleep} or blocking call is) and a dump of every task;
 * <li>tasks remember where they were created, and "never retrieved" reports say so;
 * <li>slow steps are also JFR events ({@code org.asyncio4j.SlowStep}).
 * </ul>
 * The system property {@code asyncio4j.debug=true} turns debug mode on for every loop.
 */
public final class RunOptions {
    private final Clock clock;
    private final boolean debug;
    private final Duration slowStep;
    private final boolean watchdog;
    private final Consumer<String> debugLog;
    private final LongSupplier stepClock;
    private LoopHost host;

    private RunOptions(Clock clock, boolean debug, Duration slowStep, boolean watchdog, Consumer<String> debugLog,
            LongSupplier stepClock) {
        this.clock = clock;
        this.debug = debug;
        this.slowStep = slowStep;
        this.watchdog = watchdog;
        this.debugLog = debugLog;
        this.stepClock = stepClock;
    }

    /**
     * The system clock, debug mode off (unless the system property {@code asyncio4j.debug} is true).
     * @return the default options
     */
    public static RunOptions defaults() {
        return new RunOptions(Clock.system(), Boolean.getBoolean("asyncio4j.debug"), Duration.ofMillis(100), true,
                null, System::nanoTime);
    }

    /**
     * Debug mode on, with the defaults otherwise: a 100 ms threshold, the watchdog, reports to the log.
     * @return options with debug mode on
     */
    public static RunOptions debug() {
        return defaults().debug(true);
    }

    /**
     * Debug mode on or off.
     * @param on true to turn debug mode on
     * @return a copy of these options with debug mode on or off
     */
    public RunOptions debug(boolean on) {
        return withHost(new RunOptions(clock, on, slowStep, watchdog, debugLog, stepClock));
    }

    /**
     * The loop's clock (e.g. {@code new VirtualClock()} in tests).
     * @param c the clock the loop reads its time from and waits on; not null
     * @return a copy of these options with that clock
     */
    public RunOptions clock(Clock c) {
        return withHost(new RunOptions(Objects.requireNonNull(c, "clock"), debug, slowStep, watchdog, debugLog, stepClock));
    }

    /**
     * How long a step may hold the loop before debug mode reports it (asyncio's {@code slow_callback_duration}).
     * @param threshold positive; a step (one resumption of a task, or one callback) that runs longer is reported
     * @return a copy of these options with that threshold
     * @throws IllegalArgumentException if {@code threshold} is zero or negative
     */
    public RunOptions slowStep(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("slowStep must be positive, got " + threshold);
        }
        return withHost(new RunOptions(clock, debug, threshold, watchdog, debugLog, stepClock));
    }

    /**
     * Whether debug mode starts the watchdog thread (on by default).
     * @param on false to run debug mode without the watchdog thread
     * @return a copy of these options with the watchdog on or off
     */
    public RunOptions watchdog(boolean on) {
        return withHost(new RunOptions(clock, debug, slowStep, on, debugLog, stepClock));
    }

    /**
     * Where debug mode's reports go; by default the {@code System.Logger} "org.asyncio4j", at WARNING.
     * @param sink receives each report as a multi-line string; not null
     * @return a copy of these options with that sink
     */
    public RunOptions debugLog(Consumer<String> sink) {
        return withHost(new RunOptions(clock, debug, slowStep, watchdog, Objects.requireNonNull(sink, "sink"), stepClock));
    }

    /**
     * The clock that times steps, in nanoseconds (real time by default, whatever the loop's clock):
     * tests replace it to make slow steps without sleeping.
     * @param nanos returns the current time in nanoseconds; not null
     * @return a copy of these options with that step clock
     */
    public RunOptions stepClock(LongSupplier nanos) {
        return withHost(new RunOptions(clock, debug, slowStep, watchdog, debugLog, Objects.requireNonNull(nanos, "nanos")));
    }

    /**
     * Runs the loop inside {@code host}'s event thread (a GUI toolkit's) instead of blocking its own:
     * see {@link LoopHost}. The loop is then run on the host's thread (e.g. {@code SwingLoop.run}
     * does that for Swing).
     *
     * @param host the host whose event thread runs the loop; not null
     * @return a copy of these options with that host
     */
    public RunOptions host(LoopHost host) {
        RunOptions o = new RunOptions(clock, debug, slowStep, watchdog, debugLog, stepClock);
        o.host = Objects.requireNonNull(host, "host");
        return o;
    }

    private RunOptions withHost(RunOptions o) {
        o.host = host;
        return o;
    }

    LoopHost host() {
        return host;
    }

    Clock clock() {
        return clock;
    }

    boolean isDebug() {
        return debug;
    }

    /** The debug state of a loop run with these options, or null when debug mode is off. */
    Debug newDebug(EventLoop loop) {
        if (!debug) {
            return null;
        }
        Consumer<String> log = debugLog != null ? debugLog
                : m -> System.getLogger("org.asyncio4j").log(System.Logger.Level.WARNING, m);
        return new Debug(loop, slowStep.toNanos(), stepClock, log, watchdog);
    }
}

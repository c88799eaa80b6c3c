package org.asyncio4j.sample.tutorial;

import java.util.Locale;
import org.asyncio4j.EventLoop;

/**
 * How the examples print time: seconds of the running loop's clock since the example started
 * (Python's {@code loop.time() - start}). On the jar's real clock that is elapsed time; on the tests'
 * {@code VirtualClock} it is exact, so the tests can pin it.
 */
final class LoopTime {
    private LoopTime() {}

    /** The running loop's time now, in nanoseconds. */
    static long now() {
        return EventLoop.current().time();
    }

    /** "at 2.0 s of loop time", counted from {@code start}. */
    static String at(long start) {
        return String.format(Locale.ROOT, "at %.1f s of loop time", (now() - start) / 1e9);
    }
}

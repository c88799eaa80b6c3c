package org.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A JFR event for a step the watchdog found still holding the loop past the threshold (debug mode). */
@Name("org.asyncio4j.LoopStall")
@Label("Event loop stall")
@Category("asyncio4j")
@Description("The asyncio4j watchdog found the event loop stuck in one step longer than the debug threshold")
@StackTrace(false)
final class LoopStallEvent extends jdk.jfr.Event {
    @Label("Task")
    String task;

    @Label("Held the loop so far")
    @Timespan
    long heldNanos;

    @Label("Loop thread")
    String loopThread;

    @Label("Loop thread stack")
    @Description("Where the loop thread was when the watchdog looked: the blocking call or the long computation")
    String loopStack;
}

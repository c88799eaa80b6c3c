package org.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A JFR event for a step that held the event loop past debug mode's threshold. */
@Name("org.asyncio4j.SlowStep")
@Label("Slow event loop step")
@Category("asyncio4j")
@Description("A task step or callback that held the asyncio4j event loop longer than the debug threshold")
final class SlowStepEvent extends jdk.jfr.Event {
    @Label("Task")
    String task;

    @Label("Resumed at")
    String resumedAt;

    @Label("Held the loop")
    @Timespan
    long heldNanos;
}

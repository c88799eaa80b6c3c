package org.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR event per task done: how it ended. Off unless a recording enables it (see TaskCreatedEvent). */
@Name("org.asyncio4j.TaskFinished")
@Label("Task finished")
@Category("asyncio4j")
@Description("An asyncio4j task finished: with a result, a failure, or cancelled")
@Enabled(false)
@StackTrace(false)
final class TaskFinishedEvent extends jdk.jfr.Event {
    @Label("Task")
    String task;

    @Label("Task id")
    long taskId;

    @Label("Outcome")
    @Description("\"result\", \"failed: <exception>\" or \"cancelled\" (with who cancelled it, when known)")
    String outcome;
}

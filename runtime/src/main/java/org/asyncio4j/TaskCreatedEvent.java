package org.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A JFR event per task created (every {@code @Async} call and createTask). Off unless a recording
 * enables it, as it can fire millions of times a second; its stack trace is where the task was created.
 */
@Name("org.asyncio4j.TaskCreated")
@Label("Task created")
@Category("asyncio4j")
@Description("An asyncio4j task (an @Async call or a createTask) was created")
@Enabled(false)
final class TaskCreatedEvent extends jdk.jfr.Event {
    @Label("Task")
    String task;

    @Label("Task id")
    @Description("Matches the Task finished event of the same task")
    long taskId;

    @Label("Created by task")
    String createdBy;
}

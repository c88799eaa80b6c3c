package org.asyncio4j;

/**
 * A failure nobody has retrieved yet. It does not reference its task, so the task can be
 * collected; the {@link java.lang.ref.Cleaner} then reports it, or the loop does when it closes.
 */
final class Unretrieved implements Runnable {
    final Throwable error;
    final String taskName;
    private final UnretrievedReports owner;
    private volatile boolean settled;
    java.lang.ref.Cleaner.Cleanable cleanable;

    Unretrieved(UnretrievedReports owner, Throwable error, String taskName) {
        this.owner = owner;
        this.error = error;
        this.taskName = taskName;
    }

    /** Someone looked at the failure: never report it. */
    void retrieved() {
        if (!settled) {
            settled = true;
            owner.forget(this);
        }
    }

    /** Cleaner action: the task was collected without anyone looking at the failure. */
    @Override
    public void run() {
        if (!settled) {
            settled = true;
            owner.forget(this);
            owner.report(this);
        }
    }

    boolean settleForClose() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }
}

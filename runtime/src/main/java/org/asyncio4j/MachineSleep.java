package org.asyncio4j;

/**
 * What a machine awaits while it sleeps through {@link Coroutine#sleep(java.time.Duration)}, the form the
 * processor emits for {@code Await.on(Asyncio.sleep(d))}: the machine itself is the timer entry, so a
 * sleeping task is one object (W1's bytes per task). Its {@link Coroutine#awaiting} holds one of three
 * shared markers, which show in task dumps as a {@link Sleep} would ({@code <sleep pending>}):
 * <ul>
 * <li>{@link #SLEEPING}: the machine's entry of sequence {@link Coroutine#sleepSeq} is in the timer heap;
 * <li>{@link #DUE}: the loop moved that entry to the ready queue; the machine's run from there is the
 *   timer's, which completes the sleep: asyncio's timer handle sets the sleep's result, and the task
 *   wakes on the following iteration, so the machine only schedules itself again ({@link #timerRan});
 * <li>{@link #SLEPT}: the sleep is over (done, result null); the machine resumes on its next run.
 * </ul>
 * A cancel while the machine sleeps makes a sleep object of its own after all, cancelled as a
 * {@link Sleep} would be, and wakes the machine as its waiter; the heap's entry is stale from then on
 * (lazy deletion, as for any cancelled timer). If the entry had already been moved to the ready queue,
 * that run is a no-op ({@link #timerRunPending}).
 */
final class MachineSleep extends FutureBase<Void> {
    static final MachineSleep SLEEPING = new MachineSleep(PENDING);
    static final MachineSleep DUE = new MachineSleep(PENDING);
    static final MachineSleep SLEPT = new MachineSleep(null);

    /** On a cancelled sleep: the timer's run of the machine is still in the ready queue, and does nothing. */
    private boolean timerRunPending;

    private MachineSleep(Object outcome) {
        super(null);
        this.outcome = outcome;
    }

    /** A cancelled sleep of {@code machine}, which was {@code due} (its timer's run is in the ready queue). */
    private MachineSleep(EventLoop loop, boolean due) {
        super(loop);
        this.timerRunPending = due;
    }

    /**
     * Cancels {@code machine}'s sleep ({@code machine.awaiting} is {@link #SLEEPING} or {@link #DUE}), as
     * {@code Sleep.cancel} would: the sleep ends cancelled and wakes the machine on the next iteration.
     */
    static void cancel(Coroutine<?> machine, String msg) {
        EventLoop l = machine.loop;
        MachineSleep s = new MachineSleep(l, machine.awaiting == DUE);
        machine.awaiting = s; // the heap's entry, if it is still there, is stale now
        s.addWaiter(machine);
        s.setCancelled(CancelOrigin.error(l, s, msg));
        l.timerCancelled();
    }

    /**
     * Called by {@code machine.step()} when it runs while awaiting this: true if this run is the timer's
     * (and is done), false if the machine should resume.
     */
    boolean timerRan(Coroutine<?> machine) {
        if (this == DUE) {
            machine.awaiting = SLEPT;
            machine.loop.schedule(machine); // the sleep's wake-up: one iteration later, as asyncio's
            return true;
        }
        if (timerRunPending) {
            timerRunPending = false; // cancelled after its timer was due: the cancel woke the machine already
            return true;
        }
        return false;
    }

    /** Whether {@code machine}'s last run was only the timer's (a task dump's "suspended since" stays). */
    static boolean timerOnly(Coroutine<?> machine) {
        // After a real step the machine has read (and cleared) what it awaited, or sleeps again (pending).
        return machine.awaiting instanceof MachineSleep s && s.outcome != PENDING;
    }

    @Override
    public boolean cancel(String msg) {
        if (loop == null) {
            // A shared marker: Coroutine cancels the sleep through cancel(machine, msg); SLEPT is done.
            return false;
        }
        return super.cancel(msg);
    }

    @Override
    public String name() {
        return "sleep";
    }
}

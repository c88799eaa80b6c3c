package org.asyncio4j;

/**
 * A host event loop that an asyncio4j loop lives inside: a GUI toolkit's event thread, such as
 * Swing's event dispatch thread (the {@code asyncio4j-swing} module's {@code SwingLoop} is the
 * implementation to use; this interface is for integrating other toolkits).
 *
 * <p>With a host ({@link RunOptions#host}, {@link EventLoop.Builder#host}), the loop runs on the
 * host's thread (every task step and callback runs there, so tasks may touch widgets between
 * awaits) and never blocks that thread. Where a normal loop would block (on its selector, or parked
 * until a timer or another thread), it calls {@link #idle} with its blocking wait, and the host runs
 * that wait on another thread while it goes on dispatching its own events on the loop thread. Code
 * the host runs meanwhile on the loop thread (a button's listener) may use the loop as a callback
 * would: creating a task, cancelling one or completing a promise wakes the wait, so the loop runs
 * the work at once.
 *
 * <p>Both methods are called on the loop thread, between iterations (never inside a task step).
 */
public interface LoopHost {
    /**
     * The loop has nothing ready and must wait. Run {@code wait} on a thread other than the loop's
     * (it blocks until a channel is ready, the next timer is due or the loop is woken, and only
     * waits: it runs no loop code), dispatch the host's events on this thread meanwhile, and return
     * once {@code wait} has returned. The loop then runs what became ready, on this thread.
     *
     * @param wait the loop's blocking wait; call it exactly once, on another thread
     */
    void idle(Runnable wait);

    /**
     * The loop has work ready and will not wait: the host may dispatch the events it has queued now
     * (so a busy loop does not starve it), or return at once (e.g. if it did so a moment ago).
     * The default returns at once.
     */
    default void busy() {}
}

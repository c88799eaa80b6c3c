package org.asyncio4j.swing;

import java.awt.EventQueue;
import java.awt.SecondaryLoop;
import java.awt.Toolkit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.LoopHost;

/**
 * The asyncio4j loop's host on the event dispatch thread. Where the loop would block, Swing's
 * events are pumped by a {@link SecondaryLoop} (what a modal dialog does) while a waiter thread
 * performs the loop's blocking wait (its selector, or a park); the waiter then posts the
 * secondary loop's exit, so the EDT is never blocked and the loop resumes on it.
 */
final class SwingHost implements LoopHost {
    /** With a real clock and work always ready, Swing still gets a turn this often (a frame at 60 Hz is 16 ms). */
    static final long BUSY_TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final Runnable STOP = () -> {};

    private final LinkedBlockingQueue<Runnable> waits = new LinkedBlockingQueue<>();
    private Thread waiter;
    private long lastTurn = System.nanoTime();

    @Override
    public void idle(Runnable wait) {
        assert EventQueue.isDispatchThread();
        SecondaryLoop pump = newPump();
        // The exit is posted to the EDT itself, so it runs inside enter(): an exit before enter
        // would be lost and leave the EDT pumping with the loop stopped.
        waits.add(() -> {
            try {
                wait.run();
            } finally {
                EventQueue.invokeLater(pump::exit);
            }
        });
        startWaiter();
        pump.enter();
        lastTurn = System.nanoTime();
    }

    /**
     * Work is ready: with a virtual clock Swing gets a turn at every iteration (so tests see one
     * exact order: what the GUI queued runs before time jumps); with a real one at most every
     * {@link #BUSY_TURN_NANOS}, so a busy loop neither starves the GUI nor pays a turn per step.
     */
    @Override
    public void busy() {
        long now = System.nanoTime();
        if (EventLoop.current().clock().isVirtual() || now - lastTurn >= BUSY_TURN_NANOS) {
            SecondaryLoop pump = newPump();
            EventQueue.invokeLater(pump::exit); // behind the events queued now: those run, later ones wait
            pump.enter();
            lastTurn = System.nanoTime();
        }
    }

    private static SecondaryLoop newPump() {
        return Toolkit.getDefaultToolkit().getSystemEventQueue().createSecondaryLoop();
    }

    private void startWaiter() {
        if (waiter == null) {
            waiter = new Thread(this::serve, "asyncio4j-swing-waiter");
            waiter.setDaemon(true); // a safety net only: close() stops and joins it
            waiter.start();
        }
    }

    private void serve() {
        try {
            for (Runnable r = waits.take(); r != STOP; r = waits.take()) {
                r.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nothing else interrupts it: stop
        }
    }

    /** Stops and joins the waiter thread (the loop is closed: no wait is pending). */
    void close() {
        Thread t = waiter;
        if (t == null) {
            return;
        }
        waits.add(STOP);
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Swing loop's waiter thread", e);
        }
        waiter = null;
    }
}

package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.asyncio4j.queue.AsyncQueue;
import org.asyncio4j.sync.Condition;
import org.asyncio4j.sync.Event;
import org.asyncio4j.sync.Lock;
import org.asyncio4j.sync.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 8: a loop-bound method called from a real foreign thread fails at once with an
 * IllegalStateException pointing at callSoonThreadsafe, instead of changing state without waking
 * the loop (the waiter then slept until some unrelated timer fired). Each case: a task waits on the
 * primitive (which binds it to the loop), another thread pokes it and gets the error, then the loop
 * itself pokes it and the waiter wakes at once.
 */
class ForeignThreadTest {
    static final String TAIL = " called from thread 'foreign', but it belongs to the event loop of thread 'main'; it"
            + " is not thread-safe. From other threads use loop.callSoonThreadsafe(() -> ...) (or EventLoop.submit(...)"
            + " to run a task there); only callSoonThreadsafe, submit and Promise.complete/fail may be called from any"
            + " thread";

    /** Runs {@code call} on a new thread; the task completes with the error it threw, or "returned normally". */
    static Task<String> onForeignThread(Runnable call) {
        Promise<String> outcome = new Promise<>();
        new Thread(() -> {
            try {
                call.run();
                outcome.complete("returned normally");
            } catch (Throwable e) {
                outcome.complete(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }, "foreign").start();
        return outcome;
    }

    private static String run(Supplier<Task<?>> waiter, Runnable poke, Supplier<Task<?>> pokeOnLoop) {
        return S.run(() -> {
            String[] msg = new String[1];
            Task<String> w = Asyncio.createTask(() -> S.start(r -> await(waiter.get()), r -> {
                try {
                    r.get();
                    return done("woke@" + S.t());
                } catch (CancelledError e) {
                    return done("cancelled@" + S.t());
                }
            }));
            // Keeps the loop busy while the other thread acts, so the virtual clock cannot jump to
            // a waiter's timer (the sleep of taskCancel) meanwhile.
            boolean[] poked = {false};
            Asyncio.createTask(() -> S.start(r -> poked[0] ? done() : S.jump(Asyncio.yieldNow(), 0)));
            return S.start(r -> await(Asyncio.yieldNow()),
                    r -> await(onForeignThread(poke)),
                    r -> {
                        msg[0] = r.get();
                        poked[0] = true;
                        return await(pokeOnLoop.get());
                    },
                    r -> {
                        r.get();
                        return await(w);
                    },
                    r -> done(msg[0] + " | " + r.get()));
        });
    }

    private static Supplier<Task<?>> now(Runnable r) {
        return () -> {
            r.run();
            return Task.completed();
        };
    }

    @Test
    void eventSet() {
        Event e = new Event();
        assertEquals("IllegalStateException: Event.set()" + TAIL + " | woke@0", run(e::await, e::set, now(e::set)));
    }

    @Test
    void queuePutNowait() {
        AsyncQueue<String> q = new AsyncQueue<>();
        assertEquals("IllegalStateException: AsyncQueue.putNowait()" + TAIL + " | woke@0",
                run(q::get, () -> q.putNowait("x"), now(() -> q.putNowait("x"))));
    }

    @Test
    void taskCancel() {
        Task<?>[] sleep = new Task<?>[1];
        assertEquals("IllegalStateException: Task.cancel()" + TAIL + " | cancelled@0",
                run(() -> sleep[0] = S.sleep(100), () -> sleep[0].cancel(), now(() -> sleep[0].cancel())));
    }

    @Test
    void lockRelease() {
        Lock l = new Lock();
        assertEquals("IllegalStateException: Lock.release()" + TAIL + " | woke@0",
                run(() -> S.start(r -> await(l.acquire()), r -> await(l.acquire()), r -> done(r.get())),
                        l::release, now(l::release)));
    }

    @Test
    void semaphoreRelease() {
        Semaphore sem = new Semaphore(0);
        assertEquals("IllegalStateException: Semaphore.release()" + TAIL + " | woke@0",
                run(sem::acquire, sem::release, now(sem::release)));
    }

    @Test
    void conditionSignal() {
        Condition c = new Condition();
        assertEquals("IllegalStateException: Condition.signal()" + TAIL + " | woke@0",
                run(() -> S.start(r -> await(c.acquire()), r -> await(c.await()), r -> done(r.get())),
                        c::signal,
                        () -> S.start(r -> await(c.acquire()), r -> {
                            c.signal();
                            c.release();
                            return done();
                        })));
    }

    /** The check comes first, so it does not matter whether the timer already fired. */
    @Test
    void timerHandleCancel() {
        String foreign = S.run(() -> {
            TimerHandle h = EventLoop.current().callLater(java.time.Duration.ofMillis(10), () -> { });
            return S.start(r -> await(onForeignThread(h::cancel)), r -> {
                h.cancel();
                return done(r.get());
            });
        });
        assertEquals("IllegalStateException: TimerHandle.cancel()" + TAIL, foreign);
    }
}

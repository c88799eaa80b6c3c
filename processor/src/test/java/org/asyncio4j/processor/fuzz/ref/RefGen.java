package org.asyncio4j.processor.fuzz.ref;

import java.util.NoSuchElementException;
import java.util.concurrent.SynchronousQueue;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.GeneratorExit;
import org.asyncio4j.Task;

/**
 * The reference semantics of an async generator, for the differential fuzzer: the body runs on a
 * thread of its own, handed control by each {@code hasNext()} until its next {@code Await.yield}
 * (strict alternation, so the program's effects happen in the same order as in the machine, and
 * the hand-offs order the memory), and resumed with {@link GeneratorExit} by {@code closeAsync}.
 * Every task is already done here, so each step's task is a completed or failed one.
 */
public final class RefGen<T> implements AsyncIterator<T> {
    /** A generator's body, with its returns written as {@code return;}. */
    public interface Body {
        void run() throws Throwable;
    }

    private static final ThreadLocal<RefGen<?>> CURRENT = new ThreadLocal<>();
    private static final Object END = new Object();

    private final Body body;
    private final SynchronousQueue<Object> toGen = new SynchronousQueue<>();
    private final SynchronousQueue<Object> toConsumer = new SynchronousQueue<>();
    private boolean started;
    private boolean done;
    private boolean has;
    private T element;

    private RefGen(Body body) {
        this.body = body;
    }

    /** What a generator method returns in the reference program. */
    public static <T> AsyncIterable<T> of(Body body) {
        return () -> new RefGen<>(body);
    }

    /** {@code Await.yield(v)} in the reference: hands {@code v} to the consumer and waits to be asked again. */
    static void yieldValue(Object v) {
        RefGen<?> g = CURRENT.get();
        if (g == null) {
            throw new IllegalStateException("Await.yield outside a reference generator");
        }
        g.handOff(new Yielded(v));
        Object cmd = take(g.toGen);
        if (cmd instanceof GeneratorExit e) {
            throw e;
        }
    }

    private record Yielded(Object value) {}

    private record Failed(Throwable error) {}

    private void handOff(Object o) {
        try {
            toConsumer.put(o);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object take(SynchronousQueue<Object> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resumes the body with {@code cmd} (null: go on; a GeneratorExit: close) and waits for its next event. */
    private Object step(Object cmd) {
        if (!started) {
            started = true;
            Thread t = new Thread(() -> {
                CURRENT.set(this);
                Object outcome;
                try {
                    take(toGen);
                    body.run();
                    outcome = END;
                } catch (Throwable e) {
                    outcome = new Failed(e);
                }
                handOff(outcome);
            }, "ref-generator");
            t.setDaemon(true);
            t.start();
        }
        try {
            toGen.put(cmd == null ? Boolean.TRUE : cmd);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return take(toConsumer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Task<Boolean> hasNext() {
        if (done) {
            return Task.completed(false);
        }
        has = false;
        element = null;
        Object o = step(null);
        if (o instanceof Yielded y) {
            has = true;
            element = (T) y.value();
            return Task.completed(true);
        }
        done = true;
        return o == END ? Task.completed(false) : Task.failed(((Failed) o).error());
    }

    @Override
    public T next() {
        if (!has) {
            throw new NoSuchElementException();
        }
        has = false;
        T e = element;
        element = null;
        return e;
    }

    @Override
    public Task<Void> closeAsync(Throwable pending) {
        if (done || !started) {
            done = true;
            return Task.completed();
        }
        done = true;
        Object o = step(new GeneratorExit());
        if (o == END || o instanceof Failed f && f.error() instanceof GeneratorExit) {
            return Task.completed();
        }
        if (o instanceof Yielded) {
            // the machine leaves such a run suspended at that yield; so does this thread (a daemon)
            return Task.failed(new IllegalStateException("the async generator yielded while being closed: it caught"
                    + " GeneratorExit and called Await.yield again (asyncio: 'async generator ignored GeneratorExit');"
                    + " let GeneratorExit propagate, or only clean up in the finally block"));
        }
        return Task.failed(((Failed) o).error());
    }
}

package org.asyncio4j.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: async generators ({@code @Async} methods returning AsyncIterable, emitting with Await.yield). */
public class Generators extends Fixture {

    @Async
    AsyncIterable<Integer> ticks(int n) {
        log("start");
        for (int i = 0; i < n; i++) {
            Await.on(Asyncio.sleep(Duration.ofMillis(100)));
            log("yield " + i + " at " + Src.ms());
            Await.yield(i);
        }
        log("end");
        return AsyncIterable.end();
    }

    @Async
    Task<List<Integer>> consume(int n) {
        List<Integer> out = new ArrayList<>();
        for (int x : Await.each(ticks(n))) {
            log("got " + x + " at " + Src.ms());
            out.add(x);
        }
        return Task.completed(out);
    }

    /** A generator with cleanup that awaits; consumed partly. */
    @Async
    AsyncIterable<String> withCleanup() {
        try {
            for (int i = 0; ; i++) {
                String v = Await.on(v("item" + i));
                Await.yield(v);
            }
        } finally {
            log("cleanup begins at " + Src.ms());
            Await.on(v("x"));
            log("cleanup ends at " + Src.ms());
        }
    }

    @Async
    Task<String> takeTwo() {
        String got = "";
        for (String s : Await.each(withCleanup())) {
            got += s + ";";
            if (got.length() > 10) {
                break;
            }
        }
        log("after loop at " + Src.ms());
        return Task.completed(got);
    }

    /** Fails after two elements. */
    @Async
    AsyncIterable<Integer> failing() {
        Await.yield(1);
        Await.on(v(0));
        Await.yield(2);
        Await.on(v(0));
        throw new IllegalStateException("generator failed"); // GEN-THROW
    }

    @Async
    Task<String> consumeFailing() {
        String got = "";
        try {
            for (int x : Await.each(failing())) { // GEN-EACH
                got += x;
            }
        } catch (IllegalStateException e) {
            got += " " + e.getMessage();
        }
        return Task.completed(got);
    }

    /** A return from inside the loop ends the generator after its finally. */
    @Async
    AsyncIterable<Integer> upTo(int limit) {
        try (var res = new Res(this, "res")) {
            int i = 0;
            while (true) {
                if (i == limit) {
                    return AsyncIterable.end();
                }
                Await.yield(i++);
            }
        }
    }

    @Async
    Task<List<Integer>> toListOfUpTo(int limit) {
        return upTo(limit).toList();
    }

    /** Each iterator() is a fresh run; nothing runs before the first hasNext. */
    @Async
    Task<String> lazyAndFresh() {
        AsyncIterable<Integer> gen = ticks(2);
        log("made");
        AsyncIterator<Integer> a = gen.iterator();
        AsyncIterator<Integer> b = gen.iterator();
        log("iterators");
        boolean ha = Await.on(a.hasNext());
        int xa = a.next();
        boolean hb = Await.on(b.hasNext());
        int xb = b.next();
        Await.on(a.closeAsync(null));
        Await.on(b.closeAsync(null));
        return Task.completed(ha + " " + xa + " " + hb + " " + xb);
    }

    /** Catches GeneratorExit's effects: a generator that yields while closing. */
    @Async
    AsyncIterable<Integer> stubborn() {
        try {
            Await.yield(1);
        } catch (Error e) {
            log("caught " + e.getClass().getSimpleName());
            Await.yield(2);
        }
        return AsyncIterable.end();
    }

    @Async
    Task<String> closeStubborn() {
        try {
            for (int x : Await.each(stubborn())) {
                break;
            }
            return Task.completed("closed");
        } catch (IllegalStateException e) {
            return Task.completed(e.getMessage());
        }
    }

    @Async
    Task<String> cancelWhileTheGeneratorAwaits() {
        Task<String> t = takeTwo();
        Await.on(Asyncio.sleep(Duration.ofMillis(15)));
        t.cancel();
        try {
            return Task.completed("not cancelled: " + Await.on(t));
        } catch (org.asyncio4j.CancelledError c) {
            return Task.completed("cancelled at " + Src.ms());
        }
    }

    /** A static generator, and one delegating to another. */
    @Async
    static AsyncIterable<String> letters(String s) {
        for (char c : s.toCharArray()) {
            Await.yield(String.valueOf(c));
        }
        return AsyncIterable.end();
    }

    @Async
    static AsyncIterable<String> twice(String s) {
        for (String c : Await.each(letters(s))) {
            Await.yield(c);
            Await.yield(c.toUpperCase());
        }
        return AsyncIterable.end();
    }

    @Async
    static Task<List<String>> twiceList(String s) {
        return twice(s).toList();
    }

    /** A resource that logs its close. */
    static final class Res implements AutoCloseable {
        final Fixture f;
        final String name;

        Res(Fixture f, String name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public void close() {
            f.log("close " + name);
        }
    }
}

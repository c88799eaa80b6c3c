package org.asyncio4j.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: kinds of @Async methods and calls between them. */
public class Methods<E extends Comparable<E>> extends Fixture {
    final List<E> items = new ArrayList<>();

    public Methods() {}

    public Methods(List<E> initial) {
        items.addAll(initial);
    }

    @Async
    static Task<Integer> staticTwice(int x) {
        return Task.completed(2 * Await.on(Src.of(Src.Mode.SLEEP, x)));
    }

    @Async
    static Task<Integer> staticCaller(int x) {
        int a = Await.on(Methods.staticTwice(x));        // qualified: must reach the generated version
        int b = Await.on(staticTwice(a));                // unqualified
        int c = Await.on(org.asyncio4j.it.Methods.staticTwice(b));
        return Task.completed(c);
    }

    /** Generic method of a generic class. */
    @Async
    <R> Task<List<R>> mapAll(Function<? super E, ? extends R> f) {
        List<R> out = new ArrayList<>();
        for (E e : items) {
            out.add(f.apply(Await.on(v(e))));
        }
        return Task.completed(out);
    }

    @Async
    Task<E> max() {
        E best = null;
        for (E e : items) {
            E seen = Await.on(v(e));
            if (best == null || seen.compareTo(best) > 0) {
                best = seen;
            }
        }
        return Task.completed(best);
    }

    @Async
    static <T extends Comparable<T>> Task<T> firstOf(T a, T b) {
        T x = Await.on(Src.of(Src.Mode.SLEEP, a));
        return Task.completed(x.compareTo(b) <= 0 ? x : b);
    }

    @Async
    Task<String> varargs(String sep, Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (sb.length() > 0) sb.append(sep);
            sb.append(Await.on(v(p)));
        }
        return Task.completed(sb + "#" + parts.length);
    }

    @Async
    Task<String> callsVarargs() {
        String a = Await.on(varargs("-"));
        String b = Await.on(varargs("-", 1, "two", 3.0));
        String c = Await.on(varargs("+", (Object[]) new String[] {"x", "y"}));
        return Task.completed(a + " " + b + " " + c);
    }

    @Async
    Task<Long> factorial(int n) {
        if (n <= 1) {
            return Task.completed(1L);
        }
        return Task.completed(n * Await.on(factorial(n - 1)));
    }

    /** Deep recursion: 20,000 nested awaits do not overflow the stack. */
    @Async
    static Task<Integer> depth(int n) {
        if (n == 0) {
            return Task.completed(0);
        }
        return Task.completed(1 + Await.on(depth(n - 1)));
    }

    @Async
    Task<String> instanceCaller() {
        // virtual dispatch: the generated override runs, also through this.
        E m = Await.on(this.max());
        long f = Await.on(factorial(5));
        return Task.completed(m + "," + f);
    }

    @Async
    Task<String> readFile(boolean fail) throws IOException {
        Await.on(v(0));
        if (fail) {
            throw new IOException("disk");
        }
        return Task.completed("content");
    }

    @Async
    Task<String> checkedThroughAwait(boolean fail) {
        try {
            return Task.completed(Await.on(readFile(fail), IOException.class));
        } catch (IOException e) {
            return Task.completed("io: " + e.getMessage());
        }
    }

    @Async
    Task<String> declaresChecked() throws IOException {
        String s = Await.on(readFile(true), IOException.class);
        return Task.completed(s);
    }

    /** A static nested class with @Async methods: generated as AsyncMethods_Nested. */
    public static class Nested {
        final String name;

        public Nested(String name) {
            this.name = name;
        }

        @Async
        Task<String> hello() {
            return Task.completed("hello " + Await.on(Src.of(Src.Mode.PROMISE, name)));
        }
    }

    /** An @Async method overridden in a subclass of the blueprint: both are generated. */
    @Async
    Task<String> greet() {
        return Task.completed("base " + Await.on(v(1)));
    }
}

package org.asyncio4j.it;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: statements with awaits inside them. */
public class Statements extends Fixture {

    @Async
    Task<String> blocksAndLocals() {
        int a = Await.on(v(1)), b = 2, c = Await.on(v(3));
        var s = Await.on(v("x"));
        String t;
        {
            int inner = Await.on(v(10));
            t = s + inner;
            {
                var deeper = Await.on(v(100)) + inner;
                t += deeper;
            }
        }
        final long sum = a + b + c;
        return Task.completed(t + ":" + sum);
    }

    @Async
    Task<String> ifElse(int n) {
        String out;
        if (Await.on(v(n)) > 5) {
            out = "big";
        } else if (n > 2) {
            out = Await.on(v("mid"));
        } else {
            out = "small";
        }
        if (n == 0) out += Await.on(v("!"));
        return Task.completed(out);
    }

    @Async
    Task<Integer> whileLoop(int n) {
        int i = 0;
        int sum = 0;
        while (i < Await.on(v(n))) {
            sum += Await.on(v(i));
            i++;
        }
        return Task.completed(sum);
    }

    @Async
    Task<Integer> doWhile(int n) {
        int i = 0;
        do {
            log("i=" + i);
            i += Await.on(v(1));
        } while (i < n);
        return Task.completed(i);
    }

    @Async
    Task<String> forLoop() {
        StringBuilder sb = new StringBuilder();
        int j;
        int i;
        for (i = 0, j = 10; i < Await.on(v(3)); i++, j -= Await.on(v(2))) {
            sb.append(i).append('/').append(j).append(' ');
        }
        for (int k = 0, m = 3; k < m; k++) {
            sb.append(Await.on(v(k * m)));
        }
        for (;;) {
            if (Await.on(v(true))) break;
        }
        return Task.completed(sb.toString() + " end " + i + "," + j);
    }

    @Async
    Task<String> forEach(List<String> items, int[] ints, String[] strings, char[] chars, long[] longs, double[] doubles) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            sb.append(Await.on(v(s)));
        }
        int total = 0;
        for (int x : ints) {
            total += Await.on(v(x));
        }
        sb.append(total);
        for (final var s : strings) {
            sb.append(Await.on(v(s.length())));
        }
        for (char ch : chars) {
            sb.append((char) (ch + Await.on(v(1))));
        }
        long lsum = 0;
        for (long l : longs) {
            lsum += Await.on(v(l));
        }
        double dsum = 0;
        for (double d : doubles) {
            dsum += Await.on(v(d));
        }
        for (Integer boxed : List.of(7, 8)) {
            sb.append(boxed + Await.on(v(0)));
        }
        return Task.completed(sb + "|" + lsum + "|" + dsum);
    }

    static <T> T same(T value) {
        return value;
    }

    /**
     * Loops whose iterator lives across awaits, each kind of iterator field: of the iterable's certain type
     * (a parameter, a call on it), of the variable's written type ({@code Iterator<? extends CharSequence>}
     * over a generic call), and an Object read through a witness where neither is safe (a variable a boxed
     * primitive fits, over what is a primitive array; a parameterized variable over a generic call).
     */
    @Async
    Task<String> forEachIterators(java.util.Map<String, Integer> counts, List<? extends CharSequence> words,
            AsyncIterable<Integer> source) {
        StringBuilder sb = new StringBuilder();
        for (var e : counts.entrySet()) {
            sb.append(e.getKey()).append(Await.on(v(e.getValue())));
        }
        for (java.util.Map.Entry<String, Integer> e : same(counts).entrySet()) {
            sb.append(Await.on(v(e.getKey())));
        }
        for (CharSequence w : words) {
            sb.append(Await.on(v(w.length())));
        }
        for (CharSequence w : List.of("pq", "r")) {
            sb.append(Await.on(v(w)));
        }
        for (Integer i : same(new int[] {4, 5})) {
            sb.append(Await.on(v(i + 1)));
        }
        for (Object o : same(new char[] {'c', 'd'})) {
            sb.append(Await.on(v(o)));
        }
        for (Number n : List.<Number>of(1, 2L)) {
            sb.append(Await.on(v(n.longValue())));
        }
        sb.append('|');
        for (int x : Await.each(source)) {
            sb.append(x);
        }
        for (Number x : Await.each(same(source))) {
            sb.append(Await.on(v(x)));
        }
        return Task.completed(sb.toString());
    }

    @Async
    Task<String> labeled() {
        List<String> out = new ArrayList<>();
        outer:
        for (int i = 0; i < 4; i++) {
            inner:
            for (int j = 0; j < 4; j++) {
                int v = Await.on(v(i * 10 + j));
                if (j == 1) continue inner;
                if (j == 3) continue outer;
                if (v == 22) break outer;
                out.add(String.valueOf(v));
            }
            out.add("end" + i);
        }
        block:
        {
            out.add(Await.on(v("in block")));
            if (out.size() > 1) break block;
            out.add("not reached");
        }
        int w = 0;
        loop:
        while (true) {
            w += Await.on(v(1));
            if (w < 3) continue loop;
            break loop;
        }
        out.add("w" + w);
        return Task.completed(String.join(",", out));
    }

    @Async
    Task<String> returnAnywhere(int n) {
        if (n == 0) return Task.completed("zero");
        for (int i = 0; i < 10; i++) {
            if (Await.on(v(i)) == n) {
                return Task.completed("found " + i);
            }
            while (i == 7 && n == 70) {
                return v("seven via task");
            }
        }
        switch (n) {
            case 100:
                return Task.completed(Await.on(v("hundred")));
            default:
                break;
        }
        return v("none");
    }

    @Async
    Task<String> throwing(int n) {
        String s = Await.on(v("s"));
        if (n == 1) throw new IllegalArgumentException(s + Await.on(v(n)));
        if (n == 2) throw Await.on(v(new UnsupportedOperationException("from await")));
        return Task.completed(s);
    }

    @Async
    Task<Integer> asserting(int n) {
        int x = Await.on(v(n));
        assert x > 0 : "x must be positive, was " + Await.on(v(x));
        assert Await.on(v(x < 100));
        return Task.completed(x);
    }

    @Async
    Task<Void> noAwaitAtAll() {
        log("ran");
        return Task.completed(null);
    }

    @Async
    Task<Void> voidEnd() {
        Await.on(v(1));
        log("done");
        return Task.completed();
    }
}

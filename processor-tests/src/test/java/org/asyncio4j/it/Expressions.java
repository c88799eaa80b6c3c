package org.asyncio4j.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: awaits inside expressions, in Java's evaluation order. */
public class Expressions extends Fixture {
    int field = 100;
    int[] arr = {0, 10, 20, 30};
    String text = "t";

    /** Logs that an operand was evaluated and returns it. */
    <T> T op(String name, T value) {
        log(name);
        return value;
    }

    /** A task for {@code value} that logs when the await's operand is evaluated. */
    <T> Task<T> aw(String name, T value) {
        log(name);
        return v(value);
    }

    /** A task that changes {@code field} before it completes: a later read sees the new value. */
    Task<Integer> changeField(int to, int result) {
        if (mode == Src.Mode.DONE) {
            field = to;
            return Task.completed(result);
        }
        EventLoop.current().callLater(Duration.ofMillis(5), () -> field = to);
        return v(result);
    }

    static String join(Object... parts) {
        return Arrays.toString(parts);
    }

    record Pair(Object a, Object b) {}

    class Holder {
        int value;
        Object any;
    }

    Holder holder = new Holder();

    Holder holder(String name) {
        log(name);
        return holder;
    }

    @Async
    Task<String> arguments() {
        String s = join(op("a", 1), Await.on(aw("b", 2)), op("c", 3), Await.on(aw("d", 4)), op("e", 5));
        return Task.completed(s);
    }

    @Async
    Task<String> receivers() {
        int len = Await.on(aw("recv", "abc")).length();
        String s = op("target", "x").concat(Await.on(aw("arg", "y"))).concat(op("after", "z"));
        StringBuilder sb = Await.on(v(new StringBuilder("sb:"))).append(Await.on(v(1))).append(2);
        return Task.completed(len + s + sb);
    }

    @Async
    Task<String> arrays() {
        int a = arr[Await.on(aw("index", 2))];
        int b = Await.on(aw("array", arr))[op("idx", 3)];
        int[] made = new int[] {op("first", 1), Await.on(aw("second", 2)), op("third", 3)};
        int[] declared = {Await.on(v(7)), 8};
        String[][] dims = new String[Await.on(v(2))][op("dim2", 3)];
        arr[op("target", 0)] = Await.on(aw("value", 99));
        Object[] boxed = {Await.on(v("s")), 1};
        return Task.completed(a + "," + b + "," + Arrays.toString(made) + Arrays.toString(declared) + dims.length
                + dims[1].length + arr[0] + boxed[0] + boxed[1]);
    }

    @Async
    Task<String> constructors() {
        Pair p = new Pair(op("a", "A"), Await.on(aw("b", "B")));
        StringBuilder sb = new StringBuilder(Await.on(v("init")));
        List<String> l = new ArrayList<>(Await.on(v(List.of("x", "y"))));
        return Task.completed(p + "|" + sb + "|" + l);
    }

    @Async
    Task<String> stringsAndArithmetic() {
        String s = "a" + Await.on(v(1)) + op("b", "B") + Await.on(v('c')) + 2 + 3;
        int x = 3 * Await.on(v(4)) - 2 / Await.on(v(2));
        long l = Await.on(v(1L << 40)) + Await.on(v(2));
        double d = Await.on(v(1)) / 2.0;
        double widened = Await.on(v(3));
        boolean cmp = Await.on(v(5)) > 3 && Await.on(v(2)) <= 2 && Await.on(v("q")).equals("q");
        int shifted = Await.on(v(1)) << Await.on(v(3)) | 1;
        char ch = (char) ('a' + Await.on(v(2)));
        return Task.completed(s + "|" + x + "|" + l + "|" + d + "|" + widened + "|" + cmp + "|" + shifted + "|" + ch);
    }

    @Async
    Task<String> compoundAssignment() {
        int x = 1;
        x += Await.on(v(5));
        x *= Await.on(v(2));
        x -= Await.on(v(1)) + Await.on(v(1));
        String s = "s";
        s += Await.on(v("!"));
        long big = 1;
        big <<= Await.on(v(40));
        arr[op("i", 1)] += Await.on(aw("aw", 5));
        holder(op("h", "holder")).value += Await.on(v(7));
        return Task.completed(x + s + big + "," + arr[1] + "," + holder.value);
    }

    /** {@code field += Await.on(t)}: Java reads field before the await (JLS 15.26.2). */
    @Async
    Task<Integer> compoundOnFieldSavesTheOldValue() {
        field = 100;
        field += Await.on(changeField(500, 1));
        return Task.completed(field);
    }

    byte small = 1;

    /** Compound assignment keeps Java's implicit narrowing cast, also on fields and array elements. */
    @Async
    Task<String> compoundNarrowing() {
        small += Await.on(v(300));
        arr[0] = 5;
        arr[0] *= Await.on(v(3));
        short local = 1;
        local += Await.on(v(70000));
        return Task.completed(small + "," + arr[0] + "," + local);
    }

    /** {@code field + Await.on(t)}: the left operand is read before the await. */
    @Async
    Task<Integer> leftOperandSaved() {
        field = 100;
        int r = field + Await.on(changeField(500, 1));
        return Task.completed(r);
    }

    @Async
    Task<String> incrementsAroundAwaits() {
        int i = 0;
        int a = i++ + Await.on(v(i));       // 0 + 1
        int b = ++i + Await.on(v(i));       // 2 + 2
        arr[Await.on(v(2))]++;
        --arr[Await.on(v(3))];
        int c = arr[Await.on(v(0))]++ + arr[0];
        return Task.completed(a + "," + b + "," + i + "," + arr[2] + "," + arr[3] + "," + c);
    }

    @Async
    Task<String> conditional(boolean pick) {
        String s = pick ? Await.on(aw("then", "T")) : op("else", "E");
        int n = !pick ? op("else2", 1) : Await.on(aw("then2", 2));
        Object o = Await.on(v(pick)) ? (Object) Await.on(v("str")) : Integer.valueOf(Await.on(v(7)));
        return Task.completed(s + n + o);
    }

    @Async
    Task<String> shortCircuit(boolean left) {
        boolean and = left && Await.on(aw("and-right", true));
        boolean or = left || Await.on(aw("or-right", false));
        boolean chain = Await.on(v(left)) && Await.on(aw("x", true)) || Await.on(aw("y", false));
        if (left && Await.on(aw("if-right", true))) {
            log("if taken");
        }
        return Task.completed(and + "," + or + "," + chain);
    }

    @Async
    Task<String> castsAndInstanceof(Object thing) {
        long widened = (long) Await.on(v(3));
        String s = (String) Await.on(v((Object) "cast"));
        Object o = Await.on(v(thing));
        String kind;
        if (Await.on(v(thing)) instanceof String str && !str.isEmpty()) {
            kind = "string " + Await.on(v(str.length())) + str;
        } else if (o instanceof Integer i) {
            Await.on(v(0));
            kind = "int " + (i + Await.on(v(1)));
        } else {
            kind = Await.on(v(thing)) instanceof List<?> ? "list" : "other";
        }
        return Task.completed(widened + s + "," + kind);
    }

    /**
     * Pattern bindings in values (not conditions) whose left side awaits: the && and ?: are lowered
     * to several statements, and the binding is used by a later one (fuzz seed 20261122 program 1
     * with patterns: "cannot find symbol" in the generated code).
     */
    @Async
    Task<String> bindingsInValues(Object thing, int limit) {
        boolean big = Await.on(v(thing)) instanceof Integer n && n + 2 > limit;
        int doubled = Await.on(v(thing)) instanceof Integer m ? m * 2 + Await.on(v(1)) : -1;
        String text = Await.on(v(thing)) instanceof String s && !s.isEmpty() ? s + Await.on(v("!")) : "-";
        return Task.completed(big + "," + doubled + "," + text);
    }

    @Async
    Task<Integer> twice(int x) {
        return Task.completed(2 * Await.on(v(x)));
    }

    @Async
    Task<String> nested() {
        int a = Await.on(twice(Await.on(v(3))));
        int b = Await.on(twice(Await.on(twice(Await.on(v(1))))));
        String c = Await.on(v(Await.on(v("inner")) + Await.on(v("!"))));
        return Task.completed(a + "," + b + "," + c);
    }

    @Async
    Task<String> lambdasBesideAwaits() {
        IntUnaryOperator f = x -> x + field;
        int k = 5;
        int r = f.applyAsInt(Await.on(v(1))) + apply(y -> y * k, Await.on(v(2)));
        List<Integer> l = List.of(1, 2, 3);
        long count = l.stream().filter(e -> e > k - 4).count() + Await.on(v(0));
        return Task.completed(r + "," + count);
    }

    static int apply(IntUnaryOperator f, int x) {
        return f.applyAsInt(x);
    }

    @Async
    Task<String> assignments() {
        holder(op("target", "h")).any = Await.on(aw("val", "V"));
        Object x;
        x = Await.on(v(List.of(1)));
        int a, b;
        a = b = Await.on(v(4));
        text = text + Await.on(v("u"));
        var inferred = Await.on(v(List.of("var")));
        String first = inferred.get(0);
        return Task.completed(holder.any + "," + x + "," + a + b + "," + text + "," + first);
    }

    @Async
    Task<Integer> awaitAsStatementAndDiscarded() {
        Await.on(v(1));
        Await.on(Asyncio.sleep(Duration.ofMillis(1)));
        int[] counter = {0};
        counter[0] += Await.on(v(3));
        return Task.completed(counter[0]);
    }
}

package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@link CallTypes}: where the elements make a call's type certain, the generated code states it
 * ({@code m.<X>awaited($await)}, a spill field of the call's own type); everywhere else the
 * {@code Witness} read stays. Every case is compiled with the generated code, so a wrong type would
 * also fail the compile.
 */
class CallTypesTest {
    private static final String SUPPORT = String.join("\n",
            "package p;",
            "import java.util.List;",
            "import org.asyncio4j.*;",
            "public class Util {",
            "  public static Task<Integer> count() { return Task.completed(1); }",
            "  public static int plain() { return 2; }",
            "  public static <T> Task<T> same(T t) { return Task.completed(t); }",
            "  public static Task<Integer> pick(int i) { return Task.completed(i); }",
            "  public static Task<String> pick(String s) { return Task.completed(s); }",
            "  public static Task<Long> both(int i) { return Task.completed((long) i); }",
            "  public static Task<Long> both(String s) { return Task.completed(0L); }",
            "  public static <T> Task<T> via(Task<T> t) { return t; }",
            "  public static <T> Task<List<T>> listOf(T t) { return Task.completed(List.of(t)); }",
            "  public static <T> Task<T> first(List<T> xs) { return Task.completed(xs.get(0)); }",
            "  public static <T> Task<T> firstOf(List<? extends T> xs) { return Task.completed(xs.get(0)); }",
            "  public static <T> Task<T> pair(T a, T b) { return Task.completed(a); }",
            "  public static <T> Task<T> either(T a, Task<T> b) { return b; }",
            "  @SafeVarargs public static <T> Task<T> any(T... xs) { return Task.completed(xs[0]); }",
            "  public static <T> T id(T t) { return t; }",
            "  public static <T> List<T> wrap(T t) { return List.of(t); }",
            "}");

    private static final String HOLDER = String.join("\n",
            "package p;",
            "import org.asyncio4j.*;",
            "public class Holder {",
            "  public final Promise<String> done = new Promise<>();",
            "  public Task<String> name() { return Task.completed(\"h\"); }",
            "  public Holder self() { return this; }",
            "  public static Task<Integer> staticCount() { return Task.completed(3); }",
            "}");

    private static List<String> awaitedLines(String body, String... members) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "package p;",
                "import java.util.List;",
                "import org.asyncio4j.*;",
                "import org.asyncio4j.annotations.Async;",
                "import org.asyncio4j.queue.AsyncQueue;",
                "public class User {"));
        lines.addAll(List.of(members));
        lines.add("  @Async Task<Object> run(AsyncQueue<String> q, Holder param, AsyncQueue raw) {");
        lines.addAll(List.of(body.split("\n")));
        lines.add("    return Task.completed(null);");
        lines.add("  }");
        lines.add("}");
        Compilation c = javac().withProcessors(new AsyncProcessor()).withOptions("-Xlint:-rawtypes").compile(
                JavaFileObjects.forSourceString("p.Util", SUPPORT), JavaFileObjects.forSourceString("p.Holder", HOLDER),
                JavaFileObjects.forSourceLines("p.User", lines.toArray(String[]::new)));
        assertThat(c).succeeded();
        String src = c.generatedSourceFile("p.AsyncUser").orElseThrow().getCharContent(true).toString();
        List<String> out = new ArrayList<>();
        for (String l : src.split("\n")) {
            if (l.contains("awaited($await)") || l.contains("Witness.as") || l.contains("m.$t")) {
                out.add(l.strip().replaceAll(" // User\\.java:\\d+$", ""));
            }
        }
        return out;
    }

    @Test
    void certainCallsAndFieldsStateTheirAwaitedType() throws IOException {
        // Each await is an operand of a concatenation: not target-typed, so its type must be stated.
        List<String> got = awaitedLines(String.join("\n",
                "    AsyncQueue<Integer> local = new AsyncQueue<>();",
                "    var made = new Holder();",
                "    Object all = \"\" + Await.on(q.get());",
                "    all = \"\" + Await.on(param.name());",
                "    all = \"\" + Await.on(field.self().name());",
                "    all = \"\" + Await.on(this.field.name());",
                "    all = \"\" + Await.on(Util.count());",
                "    all = \"\" + Await.on(p.Holder.staticCount());",
                "    all = \"\" + Await.on(local.get());",
                "    all = \"\" + Await.on(made.name());",
                "    all = \"\" + Await.on(param.done);",
                "    all = \"\" + Await.on(counted);",
                "    all = \"\" + Await.on(Util.both(1));"),
                "  final Holder field = new Holder();",
                "  final Task<Integer> counted = Task.completed(4);");
        List<String> types = new ArrayList<>();
        for (String l : got) {
            types.add(l.replaceAll(".*m\\.<([\\w.]+)>awaited\\(\\$await\\).*", "$1"));
        }
        assertEquals(List.of("java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String",
                "java.lang.Integer", "java.lang.Integer", "java.lang.Integer", "java.lang.String", "java.lang.String",
                "java.lang.Integer", "java.lang.Long"), types, String.join("\n", got));
    }

    @Test
    void uncertainCallsKeepTheWitness() throws IOException {
        List<String> got = awaitedLines(String.join("\n",
                "    Object all = \"\" + Await.on(Util.same(param.hashCode() + 1));",
                "    all = \"\" + Await.on(Util.pick(1));",
                "    all = \"\" + Await.on(raw.get());"));
        assertEquals(3, got.size(), String.join("\n", got));
        for (String l : got) {
            assertTrue(l.contains("Witness.of(m.awaited($await), false ? "), "a witness read expected: " + l);
        }
    }

    /**
     * A generic method's type where its arguments decide it in any context (CallInference): a type
     * argument the argument's type must equal, or lower bounds alone when the variable is the whole type
     * the context sees. Everything else keeps the witness; every case is compiled.
     */
    @Test
    void genericCallsDecidedByTheirArguments() throws IOException {
        List<String> got = awaitedLines(String.join("\n",
                "    Task<String> named = Task.completed(\"n\");",
                "    List<String> names = List.of(\"a\");",
                "    Object all = \"\" + Await.on(Util.via(named));",
                "    all = \"\" + Await.on(Util.same(\"s\"));",
                "    all = \"\" + Await.on(Util.same(2));",
                "    all = \"\" + Await.on(Util.first(names));",
                "    all = \"\" + Await.on(Util.firstOf(names));",
                "    all = \"\" + Await.on(Util.either(1, Util.count()));",
                "    all = \"\" + Await.on(Util.<Long>same(3L));",
                "    all = \"\" + Await.on(Util.via(Util.same(param)));",
                "    all = \"\" + Await.on(client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()));",
                "    all = \"\" + Await.on(Util.id(Util.count()));",
                "    all = \"\" + Await.on(Util.listOf(1));",
                "    all = \"\" + Await.on(Util.pair(1, \"x\"));",
                "    all = \"\" + Await.on(Util.any(1, 2));",
                "    all = \"\" + Await.on(Util.same(null));",
                "    all = \"\" + Await.on(Util.first(Util.wrap(1)));",
                "    all = \"\" + Await.on(Util.same(all.hashCode() + 1));",
                "    all = Util.id(\"spilled\") + Await.on(Util.count());",
                "    all = java.util.Objects.equals(Util.wrap(\"spilled\"), Await.on(Util.count()));"),
                "  java.net.http.HttpClient client;",
                "  java.net.http.HttpRequest request;");
        List<String> types = new ArrayList<>();
        for (String l : got) {
            types.add(l.contains("Witness") ? "witness" : l.startsWith("m.$t") && !l.contains("awaited")
                    ? l : l.replaceAll(".*m\\.<([\\w.<>, ]+)>awaited\\(\\$await\\).*", "$1"));
        }
        assertEquals(List.of(
                "java.lang.String", // via(Task<T>) with a Task<String>: T = String, an equality
                "java.lang.String", // same(T) with a String: T's one lower bound, the awaited type itself
                "java.lang.Integer", // an int, boxed
                "java.lang.String", // first(List<T>) with a List<String>: an equality
                "java.lang.String", // firstOf(List<? extends T>): a lower bound, through the wildcard
                "java.lang.Integer", // either(T, Task<T>): the equality, the lower bound below it
                "java.lang.Long", // written type arguments
                "witness", // via(same(param)): in via's context, same's Task<T> could be made another
                "java.net.http.HttpResponse<java.lang.String>", // sendAsync(req, BodyHandler<T>): the HTTP client
                "java.lang.Integer", // id(T) with a Task<Integer>: T is the whole Task, awaited as a Task<Integer>
                "witness", // listOf(T) gives Task<List<T>>: a context (List<Object> x = ..) could make T Object
                "witness", // two different lower bounds: their lub is javac's work
                "witness", // varargs
                "witness", // null has no type to decide by
                "witness", // wrap(1)'s List<T> is decided by its context, here first's parameter
                "witness", // an argument of uncertain type
                "m.$t1 = Util.id(\"spilled\");", // a spilled operand whose whole type is T, decided by its lower bound:
                "java.lang.Integer", // read back from a String field, no witness
                "m.$t2 = Util.wrap(\"spilled\");", // List<T> in an argument's context: kept as an Object
                "witness"), types, String.join("\n", got));
        assertTrue(got.contains("m.all = m.$t1 + m.<java.lang.Integer>awaited($await);"), String.join("\n", got));
    }

    /**
     * A local class named like a class the file can see hides it: the lookup must not guess. (The
     * class is declared in a block without awaits, as the validator requires.)
     */
    @Test
    void aShadowedTypeNameKeepsTheWitness() throws IOException {
        List<String> got = awaitedLines(String.join("\n",
                "    Task<String> t;",
                "    {",
                "      class Util { static Task<String> count() { return Task.completed(\"local\"); } }",
                "      t = Util.count();",
                "    }",
                "    Object all = \"\" + Await.on(t) + Await.on(Util.count());"));
        assertTrue(got.stream().anyMatch(l -> l.contains("false ? Util.count() : null")),
                "the call on the shadowed name keeps its witness:\n" + String.join("\n", got));
    }

    /** An operand evaluated before a later await is kept in a field of the call's certain type, read back as it is. */
    @Test
    void aSpilledCertainCallGetsAFieldOfItsType() throws IOException {
        List<String> got = awaitedLines(String.join("\n",
                "    Object all = Util.plain() + Await.on(Util.count());",
                "    all = param.self().toString() + Await.on(param.name());"));
        assertEquals(List.of(
                "m.$t1 = Util.plain();",
                "m.all = m.$t1 + m.<java.lang.Integer>awaited($await);",
                "m.$t2 = m.param.self().toString();",
                "m.all = m.$t2 + m.<java.lang.String>awaited($await);"), got);
    }

    /** A field read as a receiver before an await in the arguments (`log.add(.. await ..)`) is kept with the field's type. */
    @Test
    void aSpilledFieldGetsAFieldOfItsType() throws IOException {
        List<String> got = awaitedLines(String.join("\n",
                "    names.add(\"\" + Await.on(Util.count()));",
                "    System.out.println(Await.on(param.name()));"),
                "  final List<String> names = new java.util.ArrayList<>();");
        assertEquals(List.of(
                "m.$t1 = names;",
                "m.$t1.add(\"\" + m.<java.lang.Integer>awaited($await));",
                "m.$t2 = System.out;",
                "m.$t2.println(m.<java.lang.String>awaited($await));"), got);
    }
}

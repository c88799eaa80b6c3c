package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Java 21's patterns in an {@code @Async} body whose statements are split into states: record patterns
 * in {@code instanceof} and switches on patterns that await in their cases. Each test compiles a class,
 * runs its machines on a virtual clock and checks the results and the loop time; the bindings must
 * survive the awaits (a record pattern's bindings read 0 and null before this was supported).
 * Patterns in switch are final from javac 21; on javac 17 the processor refuses such a switch
 * (DiagnosticsJavac17Test pins that), so the build runs these tests on JDK 21 and later only (processor/pom.xml,
 * profile java21; CI runs them on JDK 25).
 */
class PatternSwitchTest {
    private static final String[] HEADER = {
        "package p;",                                   // 1
        "import java.time.Duration;",                   // 2
        "import org.asyncio4j.*;",                      // 3
        "import org.asyncio4j.annotations.Async;",      // 4
    };

    /** Compiles {@code body} (class {@code p.A}) with the processor at Java 21. */
    private static Compilation compile(String... body) {
        return compileAt("21", body);
    }

    private static Compilation compileAt(String release, String... body) {
        String[] all = new String[HEADER.length + body.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(body, 0, all, HEADER.length, body.length);
        return javac().withProcessors(new AsyncProcessor()).withOptions("--release", release, "-Xlint:all", "-Werror")
                .compile(DiagnosticsTest.source("A", all));
    }

    /** The generated {@code p.AsyncA}'s source. */
    private static String generated(Compilation c) {
        try {
            return c.generatedSourceFile("p.AsyncA").orElseThrow().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the compiled classes and calls {@code new AsyncA().method(arg)} on a loop with a virtual clock. */
    private static final class Run {
        final List<String> results = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final Class<?> async;

        Run(Compilation c) throws Exception {
            assertThat(c).succeededWithoutWarnings();
            Map<String, byte[]> classes = new HashMap<>();
            for (JavaFileObject f : c.generatedFiles()) {
                if (f.getKind() == JavaFileObject.Kind.CLASS) {
                    String name = f.getName().replaceFirst("^/?CLASS_OUTPUT/", "").replaceFirst("\\.class$", "")
                            .replace('/', '.');
                    try (InputStream in = f.openInputStream()) {
                        classes.put(name, in.readAllBytes());
                    }
                }
            }
            ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    byte[] b = classes.get(name);
                    if (b == null) {
                        throw new ClassNotFoundException(name + " (compiled: " + classes.keySet() + ")");
                    }
                    return defineClass(name, b, 0, b.length);
                }
            };
            async = loader.loadClass("p.AsyncA");
        }

        Object newArg(String recordClass, Object... components) throws Exception {
            Class<?> c = async.getClassLoader().loadClass(recordClass);
            java.lang.reflect.Constructor<?> k = c.getDeclaredConstructors()[0];
            k.setAccessible(true);
            return k.newInstance(components);
        }

        /** Runs {@code method(arg)} from loop time 0; records its result and the loop's time at the end. */
        void call(String method, Object arg) throws Exception {
            Method m = null;
            for (Method candidate : async.getDeclaredMethods()) {
                if (candidate.getName().equals(method)) {
                    m = candidate;
                }
            }
            assertTrue(m != null, "no method " + method);
            Method found = m;
            found.setAccessible(true);
            Object self = async.getDeclaredConstructor().newInstance();
            VirtualClock clock = new VirtualClock();
            Object result = Asyncio.run(() -> {
                try {
                    return (Task<?>) found.invoke(self, arg);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }, clock);
            results.add(String.valueOf(result));
            times.add(clock.nanoTime() / 1_000_000);
        }
    }

    @Test
    void recordPatternBindingsOfAnInstanceofSurviveAnAwait() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  record P(int x, double y) {}",                                                      // 6
                "  record Box(Object o) {}",                                                           // 7
                "  @Async Task<String> m(Object o) {",                                                 // 8
                "    String out = \"\";",                                                              // 9
                "    if (o instanceof P(int x, var y)) {",                                             // 10
                "      int n = Await.on(Asyncio.sleep(Duration.ofMillis(10), 100));",                  // 11
                "      out += \"P\" + (x + y + n);",                                                   // 12
                "    }",                                                                               // 13
                "    if (o instanceof Box(P(var a, double b)) && a > 0) {",                            // 14
                "      out += \"B\" + Await.on(Asyncio.sleep(Duration.ofMillis(20), a)) + b;",          // 15
                "    }",                                                                               // 16
                "    if (!(o instanceof Box(Object inner))) {",                                        // 17
                "      return Task.completed(out + \"|not a box\");",                                  // 18
                "    }",                                                                               // 19
                "    Await.on(Asyncio.sleep(Duration.ofMillis(5)));",                                  // 20
                "    return Task.completed(out + \"|inner=\" + inner);",                               // 21
                "  }",                                                                                 // 22
                "}");
        Run run = new Run(c);
        run.call("m", run.newArg("p.A$P", 3, 4.5));
        run.call("m", run.newArg("p.A$Box", run.newArg("p.A$P", 2, 1.5)));
        run.call("m", run.newArg("p.A$Box", new Object[] {null}));
        run.call("m", "text");
        assertEquals(List.of("P107.5|not a box", "B21.5|inner=P[x=2, y=1.5]", "|inner=null", "|not a box"), run.results);
        assertEquals(List.of(10L, 25L, 5L, 0L), run.times);
        String gen = generated(c);
        // the bindings, declared in the pattern, are kept in fields once it matched
        assertTrue(gen.contains("m.o instanceof P(int x$p, var y$p) && org.asyncio4j.spi.Patterns.stored(m.x = x$p)"
                + " && org.asyncio4j.spi.Patterns.stored(m.y = y$p)"), gen);
    }

    /** The same in an async generator, whose machine is a GeneratorMachine (found by the fuzzer). */
    @Test
    void recordPatternBindingsInAGeneratorSurviveAwaitsAndYields() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  record Rc(int w, long h) {}",                                                       // 6
                "  @Async static AsyncIterable<Long> gen(Object o) {",                                 // 7
                "    if (o instanceof Rc(var w, long h)) {",                                           // 8
                "      Await.on(Asyncio.sleep(Duration.ofMillis(10)));",                               // 9
                "      Await.yield(w + h);",                                                           // 10
                "      Await.yield((long) w);",                                                        // 11
                "    }",                                                                               // 12
                "    return AsyncIterable.end();",                                                     // 13
                "  }",                                                                                 // 14
                "  @Async static Task<String> sum(Object o) {",                                        // 15
                "    String out = \"\";",                                                              // 16
                "    for (long v : Await.each(gen(o))) out += v + \";\";",                             // 17
                "    return Task.completed(out);",                                                     // 18
                "  }",                                                                                 // 19
                "}");
        Run run = new Run(c);
        run.call("sum", run.newArg("p.A$Rc", 3, 4L));
        run.call("sum", "not a record");
        assertEquals(List.of("7;3;", ""), run.results);
        assertEquals(List.of(10L, 0L), run.times);
    }

    @Test
    void aPatternSwitchStatementThatAwaitsInItsCases() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  record P(int x, int y) {}",                                                         // 6
                "  @Async Task<String> m(Object o) {",                                                 // 7
                "    String out = \"\";",                                                              // 8
                "    int limit = 3;",                                                                  // 9
                "    switch (o) {",                                                                    // 10
                "      case Integer i when i > limit -> {",                                            // 11
                "        int n = Await.on(Asyncio.sleep(Duration.ofMillis(10), 100));",                // 12
                "        out += \"big\" + (i + n);",                                                   // 13
                "      }",                                                                             // 14
                "      case Integer i -> out += \"small\" + i + Await.on(Asyncio.sleep(Duration.ofMillis(20), 7));", // 15
                "      case P(int x, var y) when x > y -> out += \"p\" + Await.on(Asyncio.sleep(Duration.ofMillis(30), x - y));", // 16
                "      case P p -> { Await.on(Asyncio.sleep(Duration.ofMillis(40))); out += \"p\" + p.x(); }", // 17
                "      case null -> out += \"null\";",                                                 // 18
                "      default -> out += \"other\" + Await.on(Asyncio.sleep(Duration.ofMillis(50), o));", // 19
                "    }",                                                                               // 20
                "    return Task.completed(out);",                                                     // 21
                "  }",                                                                                 // 22
                "}");
        Run run = new Run(c);
        run.call("m", 7);
        run.call("m", 2);
        run.call("m", run.newArg("p.A$P", 9, 4));
        run.call("m", run.newArg("p.A$P", 1, 4));
        run.call("m", null);
        run.call("m", "s");
        assertEquals(List.of("big107", "small27", "p5", "p1", "null", "others"), run.results);
        assertEquals(List.of(10L, 20L, 30L, 40L, 0L, 50L), run.times);
        String gen = generated(c);
        // the dispatch restates the labels; the guard reads the binding before it is stored
        assertTrue(gen.contains("case Integer i$p when i$p > m.limit: m.i = i$p; m.state = "), gen);
        assertTrue(gen.contains("case null: m.state = "), gen);
    }

    @Test
    void anExhaustiveSwitchExpressionOnASealedTypeYieldsAfterAwaits() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  sealed interface Shape permits Sq, Circle {}",                                      // 6
                "  record Sq(int side) implements Shape {}",                                           // 7
                "  record Circle(double r) implements Shape {}",                                       // 8
                "  @Async Task<Integer> area(Shape s) {",                                              // 9
                "    int a = switch (s) {",                                                            // 10
                "      case Sq q -> {",                                                                // 11
                "        int k = Await.on(Asyncio.sleep(Duration.ofMillis(10), 1));",                  // 12
                "        yield q.side() * q.side() + k;",                                              // 13
                "      }",                                                                             // 14
                "      case Circle(double r) -> {",                                                    // 15
                "        Await.on(Asyncio.sleep(Duration.ofMillis(20)));",                             // 16
                "        yield (int) (r * 3);",                                                        // 17
                "      }",                                                                             // 18
                "    };",                                                                              // 19
                "    return Task.completed(a);",                                                       // 20
                "  }",                                                                                 // 21
                "}");
        Run run = new Run(c);
        run.call("area", run.newArg("p.A$Sq", 3));
        run.call("area", run.newArg("p.A$Circle", 2.0));
        assertEquals(List.of("10", "6"), run.results);
        assertEquals(List.of(10L, 20L), run.times);
        // exhaustive without a default, like the user's switch: no fallback after the dispatch
        assertTrue(generated(c).contains("case Circle(double r$p): m.r = r$p; m.state = "), generated(c));
    }

    @Test
    void colonFormCasesFallThroughAndNullJoinsDefault() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  @SuppressWarnings(\"fallthrough\") @Async Task<String> m(Object o) {",               // 6
                "    String out = \"\";",                                                              // 7
                "    switch (o) {",                                                                    // 8
                "      case Integer i:",                                                               // 9
                "        out += \"int\" + Await.on(Asyncio.sleep(Duration.ofMillis(10), i));",         // 10
                "        // falls through",                                                            // 11
                "      case null, default:",                                                           // 12
                "        out += \"+rest\" + Await.on(Asyncio.sleep(Duration.ofMillis(5), 1));",         // 13
                "        break;",                                                                      // 14
                "    }",                                                                               // 15
                "    return Task.completed(out);",                                                     // 16
                "  }",                                                                                 // 17
                "}");
        Run run = new Run(c);
        run.call("m", 4);
        run.call("m", null);
        run.call("m", "x");
        assertEquals(List.of("int4+rest1", "+rest1", "+rest1"), run.results);
        assertEquals(List.of(15L, 5L, 5L), run.times);
        assertTrue(generated(c).contains("case null, default: m.state = "), generated(c));
    }

    /** {@code case null, default} on a switch of constants compiled to a dispatch without its default before. */
    @Test
    void nullAndDefaultInOneCaseOfAStringSwitch() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  @Async Task<String> m(String o) {",                                                 // 6
                "    return Task.completed(switch (o) {",                                              // 7
                "      case \"a\" -> \"A\" + Await.on(Asyncio.sleep(Duration.ofMillis(10), 1));",      // 8
                "      case null, default -> \"other\" + Await.on(Asyncio.sleep(Duration.ofMillis(20), 2));", // 9
                "    });",                                                                             // 10
                "  }",                                                                                 // 11
                "}");
        Run run = new Run(c);
        run.call("m", "a");
        run.call("m", "zz");
        run.call("m", null);
        assertEquals(List.of("A1", "other2", "other2"), run.results);
        assertEquals(List.of(10L, 20L, 20L), run.times);
    }

    /**
     * Java 21's qualified enum constants on a sealed interface: javac holds the switch exhaustive without a
     * default, so the dispatch's way out for "no label matched" is a default label, not code after it (which
     * javac rejected as unreachable).
     */
    @Test
    void qualifiedEnumConstantsOfASealedInterface() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  sealed interface S permits X, Y {}",                                                // 6
                "  enum X implements S { ONE, TWO }",                                                  // 7
                "  enum Y implements S { THREE }",                                                     // 8
                "  @Async Task<String> m(S s) {",                                                      // 9
                "    String out = \"\";",                                                              // 10
                "    switch (s) {",                                                                    // 11
                "      case X.ONE -> out += \"one\" + Await.on(Asyncio.sleep(Duration.ofMillis(10), 1));", // 12
                "      case X.TWO -> out += \"two\";",                                                // 13
                "      case Y.THREE -> out += \"three\";",                                            // 14
                "    }",                                                                               // 15
                "    String r = switch (s) {",                                                         // 16
                "      case X.ONE -> \"|1\" + Await.on(Asyncio.sleep(Duration.ofMillis(5), 1));",    // 17
                "      case X.TWO, Y.THREE -> \"|2\";",                                               // 18
                "    };",                                                                              // 19
                "    return Task.completed(out + r);",                                                 // 20
                "  }",                                                                                 // 21
                "}");
        Run run = new Run(c);
        Class<?> x = run.async.getClassLoader().loadClass("p.A$X");
        Class<?> y = run.async.getClassLoader().loadClass("p.A$Y");
        run.call("m", x.getEnumConstants()[0]);
        run.call("m", x.getEnumConstants()[1]);
        run.call("m", y.getEnumConstants()[0]);
        assertEquals(List.of("one1|11", "two|2", "three|2"), run.results);
        assertEquals(List.of(15L, 0L, 0L), run.times);
    }

    /**
     * Java 22's unnamed variables: javac names them with the empty name, which the generated code wrote as
     * {@code int  = ...}. A local, a catch parameter, a for-each variable and a pattern keep {@code _}; an
     * async lambda's unnamed parameter is passed to its machine, so there it gets a name.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void unnamedVariablesPatternsAndLambdaParameters() throws Exception {
        Compilation c = compileAt("22",
                "public class A {",                                                                    // 5
                "  record P(int x, int y) {}",                                                         // 6
                "  static Task<Integer> later(int ms, int v) { return Asyncio.sleep(Duration.ofMillis(ms), v); }", // 7
                "  @Async Task<String> m(Object o) {",                                                 // 8
                "    String out = \"\";",                                                              // 9
                "    int _ = Await.on(later(1, 0));",                                                  // 10
                "    if (o instanceof P(int x, _)) {",                                                 // 11
                "      out += \"x\" + Await.on(later(2, x));",                                         // 12
                "    }",                                                                               // 13
                "    switch (o) {",                                                                    // 14
                "      case P(_, int y) when y > 1 -> out += \"y\" + Await.on(later(3, y));",          // 15
                "      case Integer _, String _ -> out += \"is\" + Await.on(later(4, 0));",            // 16
                "      default -> out += \"d\";",                                                      // 17
                "    }",                                                                               // 18
                "    try {",                                                                           // 19
                "      Await.on(Task.failed(new IllegalStateException()));",                           // 20
                "    } catch (IllegalStateException _) {",                                             // 21
                "      out += \"c\" + Await.on(later(5, 1));",                                         // 22
                "    }",                                                                               // 23
                "    for (var _ : java.util.List.of(1, 2)) {",                                         // 24
                "      out += Await.on(later(6, 3));",                                                 // 25
                "    }",                                                                               // 26
                "    java.util.function.BiFunction<Integer, Integer, Task<Integer>> f = (_, b) -> {",  // 27
                "      int _ = Await.on(later(7, 0));",                                                // 28
                "      return Task.completed(Await.on(later(8, b)) * 10);",                            // 29
                "    };",                                                                              // 30
                "    return Task.completed(out + \"|\" + Await.on(f.apply(1, 2)));",                   // 31
                "  }",                                                                                 // 32
                "}");
        Run run = new Run(c);
        run.call("m", run.newArg("p.A$P", 5, 7));
        run.call("m", "s");
        assertEquals(List.of("x5y7c133|20", "is0c133|20"), run.results);
        assertEquals(List.of(1L + 2 + 3 + 5 + 12 + 15, 1L + 4 + 5 + 12 + 15), run.times);
        String gen = generated(c);
        assertTrue(gen.contains("int _ = m.<java.lang.Integer>awaited($await);"), gen);
        assertTrue(gen.contains("(unnamed$0, b) -> "), gen);
    }

    /**
     * A conditional on a nested record pattern whose branch is a pattern switch that awaits: lowered to
     * {@code if (!(c instanceof Nd(...))) ...; switch (o) { case Sq(var v): ... }}, a shape on which javac 25
     * writes unverifiable code (VerifyError when the machine ran; found by the fuzzer, seed 31). The dispatch
     * of a pattern switch starts a state of its own, which javac compiles right.
     */
    @Test
    void aRecordPatternConditionalBeforeAPatternSwitchVerifies() throws Exception {
        Compilation c = compile(
                "public class A {",                                                                    // 5
                "  sealed interface Sh permits Sq, Nd {}",                                             // 6
                "  record Sq(int s) implements Sh {}",                                                 // 7
                "  record Nd(Sh l, Sh r) implements Sh {}",                                            // 8
                "  @Async Task<String> m(Object c) {",                                                 // 9
                "    Object o = c instanceof Nd(var l, var r) ? r : c;",                               // 10
                "    String x = c instanceof Nd(Sq(var a), Sq(int b)) ? switch (o) {",                 // 11
                "      case Sq(var v) -> \"sq\" + v;",                                                  // 12
                "      case null, default -> Await.on(Asyncio.sleep(Duration.ofMillis(10), \"d\"));",  // 13
                "    } : \"c\";",                                                                      // 14
                "    return Task.completed(x);",                                                       // 15
                "  }",                                                                                 // 16
                "}");
        Run run = new Run(c);
        Object sq1 = run.newArg("p.A$Sq", 1);
        Object sq2 = run.newArg("p.A$Sq", 2);
        run.call("m", run.newArg("p.A$Nd", sq1, sq2));
        run.call("m", run.newArg("p.A$Nd", sq1, run.newArg("p.A$Nd", sq1, sq2)));
        run.call("m", "text");
        assertEquals(List.of("sq2", "c", "c"), run.results);
        assertEquals(List.of(0L, 0L, 0L), run.times);

    }

    @Test
    void anAwaitInACaseGuardIsRefusedAtTheGuard() {
        Compilation c = javac().withProcessors(new AsyncProcessor()).withOptions("--release", "21")
                .compile(DiagnosticsTest.withHeader("A",
                        "public class A {",                                                            // 5
                        "  @Async Task<String> m(Object o, Task<Boolean> ok) {",                       // 6
                        "    switch (o) {",                                                            // 7
                        "      case Integer i when",                                                   // 8
                        "          Await.on(ok) -> { return Task.completed(\"int\"); }",               // 9
                        "      default -> { }",                                                        // 10
                        "    }",                                                                       // 11
                        "    return Task.completed(\"\");",                                            // 12
                        "  }",                                                                         // 13
                        "}"));
        JavaFileObject f = c.sourceFiles().get(0);
        assertThat(c).hadErrorContaining("[AsyncPatternSwitch] this case guard awaits").inFile(f).onLine(9);
        assertThat(c).hadErrorContaining("Await before the switch and test the result in the guard");
        assertThat(c).hadErrorCount(1);
    }
}

package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Typer: the declarable type text of a {@code var} local (or a multi-catch parameter, or an
 * implicitly typed lambda parameter) from {@code Trees.getScope}, and the three ways it refuses:
 * a type that cannot be written (Unnamable), one not resolved yet (Defer), and javac 17 failing to
 * attribute the body (JavacFailed).
 */
class TyperTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.function.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;"; // line 1

    private static void body(String members, Consumer<StageFixture.Stage> test) {
        StageFixture.run(StageFixture.source("p.T", HEADER, "public class T {", members, "}"), "p.T", test);
    }

    private static String typeOf(StageFixture.Stage s, String method, String local) {
        return s.typer().typeOf(s.local(s.method(method), local));
    }

    @Test
    void declarableTypesOfVarLocals() {
        body("""
                static class Nested<E> { static class Deeper {} }
                @Async <X extends Number> Task<Integer> m(X x, List<? extends CharSequence> wild) throws Exception {
                  var list = new ArrayList<String>();
                  var map = Map.of("a", 1);
                  var grid = new int[][] {{1}};
                  var names = new String[] {"n"};
                  var nested = new Nested<Integer>();
                  var deeper = new Nested.Deeper();
                  var tv = x;
                  var first = wild.get(0);
                  var it = wild.iterator();
                  var prim = 1L + 2;
                  var fn = (Function<String, Integer>) String::length;
                  for (var each : List.of(1.5)) { }
                  try (var reader = new java.io.StringReader("r")) { }
                  try { } catch (IllegalStateException | IllegalArgumentException multi) { }
                  return Task.completed(1);
                }
                """, s -> {
            assertEquals("java.util.ArrayList<java.lang.String>", typeOf(s, "m", "list"));
            assertEquals("java.util.Map<java.lang.String, java.lang.Integer>", typeOf(s, "m", "map"));
            assertEquals("int[][]", typeOf(s, "m", "grid"));
            assertEquals("java.lang.String[]", typeOf(s, "m", "names"));
            assertEquals("p.T.Nested<java.lang.Integer>", typeOf(s, "m", "nested"));
            assertEquals("p.T.Nested.Deeper", typeOf(s, "m", "deeper"));
            assertEquals("X", typeOf(s, "m", "tv"));
            // var's type is the upward projection: the capture of ? extends CharSequence becomes its bound
            assertEquals("java.lang.CharSequence", typeOf(s, "m", "first"));
            assertEquals("java.util.Iterator<? extends java.lang.CharSequence>", typeOf(s, "m", "it"));
            assertEquals("long", typeOf(s, "m", "prim"));
            assertEquals("java.util.function.Function<java.lang.String, java.lang.Integer>", typeOf(s, "m", "fn"));
            assertEquals("java.lang.Double", typeOf(s, "m", "each"));
            assertEquals("java.io.StringReader", typeOf(s, "m", "reader"));
            // a multi-catch parameter: the alternatives' least upper bound
            assertEquals("java.lang.RuntimeException", typeOf(s, "m", "multi"));
            // the Typer leaves the user's trees alone: asking twice gives the same answer
            assertEquals("java.util.ArrayList<java.lang.String>", typeOf(s, "m", "list"));
        });
    }

    @Test
    void typesThatCannotBeWrittenAreRefusedWithTheReason() {
        body("""
                private static class Hidden {}
                @Async Task<Integer> m(boolean flag) {
                  var anon = new Object() { int x; };
                  class Local {}
                  var local = new Local();
                  var hidden = new Hidden();
                  var both = flag ? 1 : "s";
                  var hiddenList = List.of(new Hidden());
                  return Task.completed(1);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals("its type is an anonymous class", unnamable(s, m, "anon"));
            assertEquals("its type is the local class Local", unnamable(s, m, "local"));
            assertEquals("its type p.T.Hidden is private", unnamable(s, m, "hidden"));
            assertEquals("its type p.T.Hidden is private", unnamable(s, m, "hiddenList"));
            assertTrue(unnamable(s, m, "both").startsWith("its type is an intersection type ("), unnamable(s, m, "both"));
        });
    }

    private static String unnamable(StageFixture.Stage s, ClassModel.MethodModel m, String name) {
        Local l = s.local(m, name);
        Typer.Unnamable u = assertThrows(Typer.Unnamable.class, () -> s.typer().typeOf(l));
        assertSame(l, u.local);
        return u.getMessage();
    }

    @Test
    void implicitlyTypedLambdaParametersOfAnAsyncLambda() {
        body("""
                @Async Task<Integer> m() {
                  BiFunction<String, List<Integer>, Task<Integer>> f = (a, b) -> Task.completed(a.length() + b.size());
                  return f.apply("x", List.of());
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            LambdaExpressionTree lambda = StageFixture.lambdas(m.tree.getBody()).get(0);
            Resolver r = new Resolver();
            r.hasPosition = s.cm().src::hasPosition;
            r.resolveLambda(TreePath.getPath(m.path, lambda), List.of());
            assertEquals("java.lang.String", s.typer().typeOf(r.locals.get(0)));
            assertEquals("java.util.List<java.lang.Integer>", s.typer().typeOf(r.locals.get(1)));
        });
    }

    @Test
    void aTypeNotResolvedYetIsDeferred() {
        Compilation c = StageFixture.runAllowingErrors(StageFixture.source("p.T", HEADER,
                "public class T {",
                "  @Async Task<Integer> m() {",
                "    var g = new Generated();", // no processor generates it here: javac reports it after processing
                "    return Task.completed(1);",
                "  }",
                "}"), "p.T", s -> {
            Typer.Defer d = assertThrows(Typer.Defer.class, () -> typeOf(s, "m", "g"));
            assertEquals("the type of 'g' is not resolved yet", d.getMessage());
        });
        assertEquals(Compilation.Status.FAILURE, c.status());
    }

    /**
     * The javac 17 failure the processor's README names: a {@code ?:} of unqualified instance-method
     * calls passed as an argument earlier in the method. javac 21 and later type the same body.
     */
    @Test
    void javac17FailsOnAConditionalOfInstanceCallsPassedAsAnArgument() {
        body("""
                Task<Integer> later(int x) { return Task.completed(x); }
                Task<Integer> now(int x) { return Task.completed(x); }
                @Async Task<Long> m() {
                  var j = 0;
                  for (int i = 0; i < 4; i++) {
                    j += Await.on(i % 2 == 0 ? later(1) : now(1));
                  }
                  var k = 0L;
                  return Task.completed(k + j);
                }
                """, s -> {
            Local k = s.local(s.method("m"), "k");
            if (Runtime.version().feature() == 17) {
                Typer.JavacFailed f = assertThrows(Typer.JavacFailed.class, () -> s.typer().typeOf(k));
                assertSame(k, f.local);
            } else {
                assertEquals("long", s.typer().typeOf(k));
            }
        });
    }
}

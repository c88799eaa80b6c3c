package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AwaitedTypes and YieldTypes, the two stages that type from elements and written types only:
 * the X of an awaited {@code Task<X>} where the source states it (per unqualified method, per
 * local), and the generator elements whose type is known without attribution, checked against the
 * generator's element type ({@code [AsyncYieldType]}).
 */
class AwaitedTypesTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.concurrent.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;"; // line 1

    @Test
    void methodsFromTheClassItsSupertypesAndItsEnclosingClass() {
        StageFixture.run(StageFixture.source("p.O", HEADER,
                "class O {",
                "  Task<Double> fromOuter() { return null; }",
                "  interface Api { default Task<String> fromInterface() { return null; } }",
                "  static abstract class Base<B> {",
                "    Task<B> fromGenericBase() { return null; }",
                "    CompletableFuture<Long> future() { return null; }",
                "    CompletionStage<? extends Number> stage() { return null; }",
                "  }",
                "  private static class Hidden {}",
                "  static class I extends Base<Integer> implements Api {",
                "    Task<int[]> array() { return null; }",
                "    Task<Map<String, List<Integer>>> nested() { return null; }",
                "    Task<Hidden> hidden() { return null; }",
                "    Task<List<? super Integer>> wildcardArg() { return null; }",
                "    Task<Map.Entry<String, Integer>> entry() { return null; }",
                "    String notATask() { return null; }",
                "    @Async Task<Integer> m() { return Task.completed(1); }",
                "  }",
                "}"), "p.O.I", s -> {
            CallTypes t = s.cm().callTypes;
            assertEquals("java.lang.Double", t.awaitedOfUnqualified("fromOuter"), "the enclosing class's methods are callable unqualified");
            assertEquals("java.lang.String", t.awaitedOfUnqualified("fromInterface"));
            assertEquals("java.lang.Long", t.awaitedOfUnqualified("future"));
            assertEquals("java.lang.Number", t.awaitedOfUnqualified("stage"), "? extends X awaits an X");
            assertEquals("int[]", t.awaitedOfUnqualified("array"));
            assertEquals("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>", t.awaitedOfUnqualified("nested"));
            assertEquals("java.util.List<? super java.lang.Integer>", t.awaitedOfUnqualified("wildcardArg"));
            assertEquals("java.util.Map.Entry<java.lang.String, java.lang.Integer>", t.awaitedOfUnqualified("entry"));
            assertEquals("java.lang.Integer", t.awaitedOfUnqualified("m"));
            // an inherited member seen as a member of I: Base<Integer>'s Task<B> is a Task<Integer>
            assertEquals("java.lang.Integer", t.awaitedOfUnqualified("fromGenericBase"));
            assertNull(t.awaitedOfUnqualified("hidden"), "a private class cannot be named in the generated class");
            assertNull(t.awaitedOfUnqualified("notATask"));
            assertNull(t.awaitedOfUnqualified("toString"));
        });
    }

    @Test
    void localsFromTheirWrittenType() {
        StageFixture.run(StageFixture.source("p.L", HEADER,
                "class L {",
                "  @Async Task<Integer> m(org.asyncio4j.Task<String> full, Task<List<Map<String, Integer>>> deep,",
                "      java.util.concurrent.CompletableFuture<Long> cf, Task raw, Task<?> any, Supplier<Integer> other,",
                "      Task<@N String> annotated) {",
                "    var inferred = full;",
                "    Task<Integer> local = Task.completed(1);",
                "    return local;",
                "  }",
                "  interface Supplier<T> { T get(); }",
                "  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface N {}",
                "}"), "p.L", s -> {
            ClassModel.MethodModel m = s.method("m");
            List<String> got = new ArrayList<>();
            for (Local l : m.resolver.locals) {
                got.add(l.name + "=" + AwaitedTypes.ofLocal(l));
            }
            assertEquals(List.of("full=String", "deep=List<Map<String, Integer>>", "cf=Long", "raw=null", "any=null",
                    "other=null", "annotated=null", "inferred=null", "local=Integer"), got);
        });
    }

    @Test
    void yieldTypesReportsElementsThatDoNotFitWhereTheirTypeIsKnown() {
        StageFixture.run(StageFixture.source("p.G", HEADER,
                "class G {",                                                        // 2
                "  Object anything() { return 1; }",                                // 3
                "  @Async AsyncIterable<Integer> ints(Integer boxed, String text) {", // 4
                "    Await.yield(1);",                                              // 5
                "    Await.yield(\"one\");",                                        // 6
                "    Await.yield(1L);",                                             // 7
                "    Await.yield(null);",                                           // 8
                "    Await.yield(boxed);",                                          // 9
                "    Await.yield(text);",                                           // 10
                "    Await.yield(anything());",                                     // 11: unknown: javac checks it in the machine
                "    var n = 2;",                                                   // 12
                "    Await.yield((n));",                                            // 13
                "    var d = 2.5;",                                                 // 14
                "    Await.yield(d);",                                              // 15
                "    return AsyncIterable.end();",                                  // 16
                "  }",                                                              // 17
                "  @Async AsyncIterable<Number> numbers() {",                       // 18
                "    Await.yield(1);",                                              // 19
                "    Await.yield(2.5);",                                            // 20
                "    Await.yield('c');",                                            // 21
                "    Await.yield(true);",                                           // 22
                "    return AsyncIterable.end();",                                  // 23
                "  }",                                                              // 24
                "  @Async Task<Integer> notAGenerator() {",                         // 25
                "    Await.yield(\"x\");",                                          // 26
                "    return Task.completed(1);",                                    // 27
                "  }",                                                              // 28
                "}"), "p.G", s -> {
            List<String> got = new ArrayList<>();
            for (ClassModel.MethodModel mm : s.cm().methods) {
                for (Diag d : YieldTypes.check(mm, s.typer(), s.types(), s.elements())) {
                    assertEquals(Diag.Tag.AsyncYieldType, d.tag());
                    assertFalse(d.isWarning());
                    got.add(mm.element.getSimpleName() + "@" + s.line(d.at()));
                }
            }
            assertEquals(List.of("ints@6", "ints@7", "ints@10", "ints@15", "numbers@21", "numbers@22"), got);
            Diag first = YieldTypes.check(s.method("ints"), s.typer(), s.types(), s.elements()).get(0);
            assertTrue(first.message().startsWith("this generator's elements are java.lang.Integer (it returns"
                    + " AsyncIterable<java.lang.Integer>), but Await.yield is given a java.lang.String."), first.message());
        });
    }
}

package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Reader: element and trees of a user class -> {@link ClassModel}. Names (package, nested,
 * Async name), members the generated subclass must know about, the {@code @Async} methods and only
 * them, their positions, the declared type text of each local, and AwaitedTypes' per-method map.
 */
class ReaderTest {
    private static final String[] CLASS_A = {
        "package p.q;",                                                              // 1
        "import java.util.List;",                                                    // 2
        "import org.asyncio4j.*;",                                                   // 3
        "import org.asyncio4j.annotations.Async;",                                   // 4
        "public class A extends Base {",                                             // 5
        "  private int secret;",                                                     // 6
        "  int shared;",                                                             // 7
        "  private static class Hidden {}",                                          // 8
        "  private Task<String> helper() { return Task.completed(\"h\"); }",         // 9
        "  void plain() {}",                                                         // 10
        "  Task<List<String>> names() { return Task.completed(List.of()); }",        // 11
        "  Task<?> anything() { return null; }",                                     // 12
        "  Task<Integer> twice(int a) { return null; }",                             // 13
        "  Task<Integer> twice(long a) { return null; }",                            // 14
        "  <T> Task<T> generic(T t) { return Task.completed(t); }",                  // 15
        "  @Async Task<Integer> first(int n, String s) throws Exception {",          // 16
        "    List<String> xs = Await.on(names());",                                  // 17
        "    var y = Await.on(helper());",                                           // 18
        "    try { return Task.completed(n); }",                                     // 19
        "    catch (IllegalStateException | IllegalArgumentException e) { throw e; }", // 20
        "  }",                                                                       // 21
        "",                                                                          // 22
        "  @Async",                                                                  // 23
        "  static Task<Void> second() {",                                            // 24
        "    return Task.completed(null);",                                          // 25
        "  }",                                                                       // 26
        "  @Async AsyncIterable<String> gen() {",                                    // 27
        "    Await.yield(\"a\");",                                                    // 28
        "    return AsyncIterable.end();",                                           // 29
        "  }",                                                                       // 30
        "}",                                                                         // 31
        "class Base {",                                                              // 32
        "  private int basePrivate;",                                                // 33
        "  protected int baseField;",                                                // 34
        "  private void onlyPrivate() {}",                                           // 35
        "}",                                                                         // 36
    };

    @Test
    void namesPackageAndSourceFile() {
        StageFixture.run(StageFixture.source("p.q.A", CLASS_A), "p.q.A", s -> {
            ClassModel cm = s.cm();
            assertEquals("p.q", cm.packageName);
            assertEquals("A", cm.simpleName);
            assertEquals("p.q.A", cm.qualifiedName);
            assertEquals("AsyncA", cm.asyncName);
            assertEquals(List.of(), cm.enclosingQualifiedNames);
            assertEquals("A.java", cm.src.fileName);
            assertEquals(List.of("java.util.List", "org.asyncio4j.*", "org.asyncio4j.annotations.Async"),
                    cm.src.cu.getImports().stream().map(i -> i.getQualifiedIdentifier().toString()).toList());
        });
    }

    @Test
    void onlyAsyncMethodsInDeclarationOrderWithTheirLinesAndStaticOnes() {
        StageFixture.run(StageFixture.source("p.q.A", CLASS_A), "p.q.A", s -> {
            assertEquals(List.of("first", "second", "gen"), s.methodNames());
            assertEquals(Set.of("second"), s.cm().staticAsyncNames);
            assertEquals(16, s.line(s.method("first").tree));
            assertEquals(23, s.line(s.method("second").tree)); // a method starts at its annotation
            assertEquals(25, s.line(s.method("second").tree.getBody().getStatements().get(0)));
            assertEquals(27, s.line(s.method("gen").tree));
            // the AwaitScan knows which body is a generator's
            assertFalse(s.method("first").scan.generator);
            assertTrue(s.method("gen").scan.generator);
            assertTrue(Reader.isGenerator(s.method("gen").element));
            assertFalse(Reader.isGenerator(s.method("second").element));
        });
    }

    @Test
    void membersTheSubclassMustKnowAbout() {
        StageFixture.run(StageFixture.source("p.q.A", CLASS_A), "p.q.A", s -> {
            ClassModel cm = s.cm();
            // fields of the class and its supertypes that the class can see (a superclass's private one is not a member)
            assertTrue(cm.fieldNames.containsAll(Set.of("secret", "shared", "baseField")), cm.fieldNames::toString);
            assertFalse(cm.fieldNames.contains("basePrivate"), cm.fieldNames::toString);
            assertEquals(Set.of("secret"), cm.privateFields);
            assertEquals(Set.of("helper"), cm.privateMethods); // onlyPrivate is Base's, which A does not inherit
            assertEquals(Set.of("Hidden"), cm.privateTypes);
        });
    }

    @Test
    void awaitedTypesOfUnqualifiedMethodsWhoseResultIsCertain() {
        StageFixture.run(StageFixture.source("p.q.A", CLASS_A), "p.q.A", s -> {
            CallTypes t = s.cm().callTypes;
            assertEquals("java.lang.String", t.awaitedOfUnqualified("helper"));
            assertEquals("java.util.List<java.lang.String>", t.awaitedOfUnqualified("names"));
            assertEquals("java.lang.Integer", t.awaitedOfUnqualified("first")); // @Async methods are callable too
            assertEquals("java.lang.Void", t.awaitedOfUnqualified("second"));
            assertNull(t.awaitedOfUnqualified("anything"), "Task<?> has no stated result");
            assertNull(t.awaitedOfUnqualified("twice"), "overloads: the call's target is not known without attribution");
            assertNull(t.awaitedOfUnqualified("generic"), "a generic method's result depends on the call");
            assertNull(t.awaitedOfUnqualified("plain"));
            assertNull(t.awaitedOfUnqualified("gen"), "AsyncIterable is not awaited");
        });
    }

    @Test
    void localsCarryTheirDeclaredTypeTextExceptVarAndMultiCatch() {
        StageFixture.run(StageFixture.source("p.q.A", CLASS_A), "p.q.A", s -> {
            ClassModel.MethodModel first = s.method("first");
            assertEquals(List.of("n", "s", "xs", "y", "e"), first.resolver.locals.stream().map(l -> l.name).toList());
            assertEquals("List<String>", s.local(first, "xs").typeText); // as written, not javac's spelling
            assertNull(s.local(first, "y").typeText, "var: left to Slots and the Typer");
            assertTrue(s.local(first, "y").isVar());
            assertNull(s.local(first, "e").typeText, "a union type cannot declare a field: left to the Typer");
            assertEquals(Local.Kind.CATCH, s.local(first, "e").kind);
            // AwaitedTypes reads the local's written Task<X>
            assertNull(AwaitedTypes.ofLocal(s.local(first, "xs")));
        });
    }

    @Test
    void nestedClassInTheDefaultPackage() {
        StageFixture.run(StageFixture.source("Outer",
                "import org.asyncio4j.*;",                                  // 1
                "import org.asyncio4j.annotations.Async;",                  // 2
                "public class Outer {",                                     // 3
                "  static int counter;",                                    // 4
                "  public static class Inner {",                            // 5
                "    @Async Task<String> run(Task<String> t) {",            // 6
                "      String v = Await.on(t);",                            // 7
                "      return Task.completed(v + counter);",                // 8
                "    }",                                                    // 9
                "  }",                                                      // 10
                "}"), "Outer.Inner", s -> {
            ClassModel cm = s.cm();
            assertEquals("", cm.packageName);
            assertEquals("Outer.Inner", cm.simpleName);
            assertEquals("Outer.Inner", cm.qualifiedName);
            assertEquals("AsyncOuter_Inner", cm.asyncName);
            assertEquals(List.of("Outer"), cm.enclosingQualifiedNames);
            assertTrue(cm.fieldNames.contains("counter"), "the enclosing class's fields are members in scope");
            ClassModel.MethodModel run = s.method("run");
            assertEquals(6, s.line(run.tree));
            Local t = s.local(run, "t");
            assertEquals(Local.Kind.PARAMETER, t.kind);
            assertEquals("Task<String>", t.typeText);
            assertEquals("String", AwaitedTypes.ofLocal(t));
            assertNotNull(run.scan);
        });
    }

    @Test
    void awaitedTypeOfALocalFromItsWrittenType() {
        StageFixture.run(StageFixture.source("p.B",
                "package p;",                                                             // 1
                "import java.util.concurrent.*;",                                         // 2
                "import org.asyncio4j.*;",                                                // 3
                "import org.asyncio4j.annotations.Async;",                                // 4
                "class B {",                                                              // 5
                "  @Async Task<Integer> m(Task<? extends Number> a, CompletableFuture<java.util.Map<String, Integer>> b,", // 6
                "      CompletionStage<?> c, Task<? super Integer> d, java.util.List<String> e) {", // 7
                "    return Task.completed(1);",                                          // 8
                "  }",                                                                    // 9
                "}"), "p.B", s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals("Number", AwaitedTypes.ofLocal(s.local(m, "a")));
            assertEquals("java.util.Map<String, Integer>", AwaitedTypes.ofLocal(s.local(m, "b")));
            assertNull(AwaitedTypes.ofLocal(s.local(m, "c")));
            assertNull(AwaitedTypes.ofLocal(s.local(m, "d")));
            assertNull(AwaitedTypes.ofLocal(s.local(m, "e")));
        });
    }
}

package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.asyncio4j.processor.DiagnosticsTest.assertError;
import static org.asyncio4j.processor.DiagnosticsTest.compile;
import static org.asyncio4j.processor.DiagnosticsTest.withHeader;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Misuse of Await.each and Await.yield: each a tagged error on the exact line. */
class IterationDiagnosticsTest {

    @Test
    void eachOutsideAForHeader() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async Task<Integer> m(AsyncIterable<Integer> s) {",                 // 6
                "    Iterable<Integer> all = Await.each(s);",                           // 7
                "    return Task.completed(1);",                                        // 8
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncEachOutsideFor] Await.each(source) only works as the expression of an"
                + " enhanced for loop").inFile(f).onLine(7);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void eachInALambdaThatDoesNotReturnATask() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async Task<Integer> m(AsyncIterable<Integer> s) {",                 // 6
                "    Runnable r = () -> {",                                             // 7
                "      for (var x : Await.each(s)) { System.out.println(x); }",         // 8
                "    };",
                "    return Task.completed(1);",
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncAwaitInLambda] Await.each cannot be used inside this lambda")
                .inFile(f).onLine(8);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void eachOutsideAnAsyncMethod() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async Task<Integer> ok() { return Task.completed(1); }",            // 6
                "  void m(AsyncIterable<Integer> s) {",                                 // 7
                "    for (var x : Await.each(s)) { System.out.println(x); }",           // 8
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncAwaitOutsideAsync] Await.each can only be used in a method annotated"
                + " @Async").inFile(f).onLine(8);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void eachStaticallyImportedInAForHeaderCompiles() {
        JavaFileObject f = DiagnosticsTest.source("A",
                "package p;",
                "import static org.asyncio4j.Await.each;",
                "import org.asyncio4j.*;",
                "import org.asyncio4j.annotations.Async;",
                "public class A {",
                "  @Async Task<Integer> m(AsyncIterable<Integer> s) {",
                "    int sum = 0;",
                "    for (int x : each(s)) { sum += x; }",
                "    return Task.completed(sum);",
                "  }",
                "}");
        assertThat(compile(f)).succeededWithoutWarnings();
    }

    @Test
    void yieldOutsideAGenerator() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async Task<Integer> m() {",                                         // 6
                "    Await.yield(1);",                                                  // 7
                "    return Task.completed(1);",                                        // 8
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncYieldOutsideGenerator] Await.yield only works in the body of an async"
                + " generator: an @Async method that returns org.asyncio4j.AsyncIterable<T>").inFile(f).onLine(7);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void yieldInsideALambdaOfAGenerator() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async AsyncIterable<Integer> m(java.util.List<Integer> xs) {",      // 6
                "    xs.forEach(x -> Await.yield(x));",                                 // 7
                "    return AsyncIterable.end();",                                      // 8
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncYieldOutsideGenerator] Await.yield cannot be used inside a lambda")
                .inFile(f).onLine(7);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void aGeneratorReturnsOnlyTheEnd() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async AsyncIterable<Integer> m(AsyncIterable<Integer> other) {",    // 6
                "    Await.yield(1);",                                                  // 7
                "    return other;",                                                    // 8
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncGeneratorReturn] an async generator ends with 'return"
                + " AsyncIterable.end();'").inFile(f).onLine(8);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void yieldOutsideAnAsyncMethod() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async Task<Integer> ok() { return Task.completed(1); }",            // 6
                "  AsyncIterable<Integer> m() {",                                       // 7
                "    Await.yield(1);",                                                  // 8
                "    return AsyncIterable.end();",                                      // 9
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncAwaitOutsideAsync] Await.yield can only be used in a method annotated"
                + " @Async").inFile(f).onLine(8);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void aGeneratorCompilesWithoutWarnings() {
        JavaFileObject f = withHeader("A",
                "public class A {",
                "  @Async AsyncIterable<String> m(AsyncIterable<Integer> in) {",
                "    try {",
                "      for (var x : Await.each(in)) {",
                "        Await.yield(\"n\" + x);",
                "      }",
                "    } finally {",
                "      Await.on(Asyncio.sleep(Duration.ofMillis(1)));",
                "    }",
                "    return AsyncIterable.end();",
                "  }",
                "}");
        assertThat(compile(f)).succeededWithoutWarnings();
    }

    @Test
    void aYieldOfTheWrongTypeNamesBothTypes() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                     // 5
                "  @Async AsyncIterable<Integer> m(String s, long n) {",                // 6
                "    Await.yield(1);",                                                  // 7
                "    Await.yield(s);",                                                  // 8
                "    Await.yield(\"x\");",                                              // 9
                "    Await.yield(n);",                                                  // 10
                "    Await.yield(null);",                                               // 11
                "    return AsyncIterable.end();",                                      // 12
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncYieldType] this generator's elements are java.lang.Integer (it returns"
                + " AsyncIterable<java.lang.Integer>), but Await.yield is given a java.lang.String").inFile(f).onLine(8);
        assertThat(c).hadErrorContaining("[AsyncYieldType]").inFile(f).onLine(9);
        assertThat(c).hadErrorContaining("but Await.yield is given a long").inFile(f).onLine(10);
        assertThat(c).hadErrorCount(3);
    }
}

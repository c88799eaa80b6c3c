package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every error the processor reports: its tag, the file and the exact line. Sources are written
 * with line numbers in mind: line 1 is the package declaration.
 */
class DiagnosticsTest {

    static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("p." + name, lines);
    }

    private static final String[] HEADER = {
        "package p;",                                    // 1
        "import java.time.Duration;",                    // 2
        "import org.asyncio4j.*;",                       // 3
        "import org.asyncio4j.annotations.Async;",       // 4
    };

    static JavaFileObject withHeader(String name, String... body) {
        String[] all = new String[HEADER.length + body.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(body, 0, all, HEADER.length, body.length);
        return source(name, all);
    }

    static Compilation compile(JavaFileObject... files) {
        return javac().withProcessors(new AsyncProcessor()).compile(files);
    }

    static void assertError(JavaFileObject f, String tag, int line) {
        Compilation c = compile(f);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[" + tag + "]").inFile(f).onLine(line);
    }

    @Test
    void awaitOutsideAsync() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                            // 5
                "  @Async Task<Integer> ok() { return Task.completed(1); }",   // 6
                "  int plain(Task<Integer> t) { return Await.on(t); }",        // 7
                "}");
        assertError(f, "AsyncAwaitOutsideAsync", 7);
    }

    @Test
    void awaitInLambda() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                          // 5
                "  @Async Task<Integer> m(Task<Integer> t) {",                              // 6
                "    java.util.function.Supplier<Integer> s = () -> Await.on(t);",          // 7
                "    return Task.completed(s.get());",                                      // 8
                "  }",
                "}");
        assertError(f, "AsyncAwaitInLambda", 7);
    }

    @Test
    void awaitInAnonymousClass() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                          // 5
                "  @Async Task<Integer> m(Task<Integer> t) {",                              // 6
                "    Runnable r = new Runnable() {",                                        // 7
                "      public void run() { Await.on(t); }",                                 // 8
                "    };",
                "    return Task.completed(1);",
                "  }",
                "}");
        assertError(f, "AsyncAwaitInClass", 8);
    }

    @Test
    void awaitInSynchronized() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                          // 5
                "  @Async Task<Integer> m(Task<Integer> t) {",              // 6
                "    synchronized (this) {",                                // 7
                "      return Task.completed(Await.on(t));",                // 8
                "    }",
                "  }",
                "}");
        assertError(f, "AsyncAwaitInSynchronized", 8);
    }

    @Test
    void privateAsyncMethod() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                    // 5
                "  @Async private Task<Integer> m() { return Task.completed(1); }",   // 6
                "}");
        assertError(f, "AsyncMethodModifier", 6);
        Compilation c = compile(f);
        // The message names the actual problem (a private method cannot be overridden), nothing else.
        assertThat(c).hadErrorContaining("[AsyncMethodModifier] @Async method A.m() must not be private: the generated"
                + " AsyncA overrides it with the state machine, and a private method cannot be overridden. Make it"
                + " package-private, protected or public.").inFile(f).onLine(6);
        assertThat(c).hadErrorCount(1);
        assertFalse(c.errors().get(0).getMessage(null).contains("synchronized"));
    }

    @Test
    void finalAndSynchronizedAsyncMethod() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                               // 5
                "  @Async final synchronized Task<Integer> m() { return Task.completed(1); }",   // 6
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncMethodModifier] @Async method A.m() must not be final: the generated AsyncA"
                + " overrides it").inFile(f).onLine(6);
        assertThat(c).hadErrorContaining("[AsyncMethodModifier] @Async method A.m() must not be synchronized: the monitor"
                + " would be released at the first await").inFile(f).onLine(6);
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void abstractAsyncMethod() {
        JavaFileObject f = withHeader("A",
                "public abstract class A {",                          // 5
                "  @Async abstract Task<Integer> m();",               // 6
                "}");
        assertError(f, "AsyncMethodModifier", 6);
    }

    @Test
    void returnTypeNotTask() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                 // 5
                "  @Async String m() { return \"x\"; }",            // 6
                "}");
        assertError(f, "AsyncReturnType", 6);
    }

    @Test
    void finalClass() {
        JavaFileObject f = withHeader("A",
                "public final class A {",                                        // 5
                "  @Async Task<Integer> m() { return Task.completed(1); }",     // 6
                "}");
        assertError(f, "AsyncClassFinal", 5);
    }

    @Test
    void privateNestedClass() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                   // 5
                "  private static class B {",                                         // 6
                "    @Async Task<Integer> m() { return Task.completed(1); }",        // 7
                "  }",
                "}");
        assertError(f, "AsyncClassPrivate", 6);
    }

    @Test
    void innerClass() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                   // 5
                "  class B {",                                                        // 6
                "    @Async Task<Integer> m() { return Task.completed(1); }",        // 7
                "  }",
                "}");
        assertError(f, "AsyncInnerClass", 6);
    }

    @Test
    void onlyPrivateConstructors() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                               // 5
                "  private A() {}",                                               // 6
                "  @Async Task<Integer> m() { return Task.completed(1); }",      // 7
                "}");
        assertError(f, "AsyncNoConstructor", 5);
    }

    @Test
    void privateFieldUse() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  private int secret = 1;",                                       // 6
                "  @Async Task<Integer> m() {",                                    // 7
                "    return Task.completed(secret);",                              // 8
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncPrivateMember] field secret is private").inFile(f).onLine(8);
    }

    @Test
    void privateMethodUse() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  private int helper() { return 1; }",                            // 6
                "  @Async Task<Integer> m() {",                                    // 7
                "    int x = 0;",                                                  // 8
                "    x += this.helper() + helper();",                              // 9
                "    return Task.completed(x);",
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncPrivateMember] method helper() is private").inFile(f).onLine(9);
    }

    @Test
    void privateNestedTypeUse() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  private static class Secret {}",                                // 6
                "  @Async Task<Object> m() {",                                     // 7
                "    return Task.completed(new Secret());",                        // 8
                "  }",
                "}");
        assertError(f, "AsyncPrivateMember", 8);
    }

    /** Named as a type, in the signature the generated subclass repeats or in the body's declarations: at each place. */
    @Test
    void privateNestedTypeInTheSignatureAndInDeclarations() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  private static class Secret { int v; }",                        // 6
                "  @Async Task<Integer> m(java.util.List<Secret> all) {",          // 7
                "    int sum = 0;",                                                // 8
                "    for (Secret s : all) {",                                      // 9
                "      sum += s.v;",                                               // 10
                "    }",                                                           // 11
                "    return Task.completed(sum);",                                 // 12
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncPrivateMember] class Secret is private").inFile(f).onLine(7);
        assertThat(c).hadErrorContaining("[AsyncPrivateMember] class Secret is private").inFile(f).onLine(9);
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void superCall() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  @Async Task<String> m() {",                                     // 6
                "    return Task.completed(super.toString());",                    // 7
                "  }",
                "}");
        assertError(f, "AsyncSuperCall", 7);
    }

    @Test
    void varOfAnonymousTypeAcrossAwait() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  @Async Task<Integer> m(Task<Integer> t) {",                     // 6
                "    var box = new Object() { int n = 1; };",                      // 7
                "    int k = Await.on(t);",                                        // 8
                "    return Task.completed(box.n + k);",                           // 9
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncUnnamableVar] 'var box' lives across an await").inFile(f).onLine(7);
    }

    @Test
    void varOfIntersectionTypeAcrossAwait() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  @Async Task<String> m(Task<Integer> t, boolean b) {",           // 6
                "    var v = b ? 1 : \"one\";",                                    // 7
                "    Await.on(t);",                                                // 8
                "    return Task.completed(String.valueOf(v));",                   // 9
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncUnnamableVar]").inFile(f).onLine(7);
        assertThat(c).hadErrorContaining("intersection");
    }

    @Test
    void localClassInSplitBlock() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                // 5
                "  @Async Task<Integer> m(Task<Integer> t) {",                     // 6
                "    class Box { int n; }",                                        // 7
                "    Box b = new Box();",                                          // 8
                "    b.n = Await.on(t);",                                          // 9
                "    return Task.completed(b.n);",
                "  }",
                "}");
        assertError(f, "AsyncLocalClass", 7);
    }

    @Test
    void internalFailureIsOneErrorAndOtherClassesStillCompile() {
        JavaFileObject bad = withHeader("A",
                "public class A {",                                                // 5
                "  @Async Task<Integer> boom() { return Task.completed(1); }",     // 6
                "}");
        JavaFileObject good = withHeader("B",
                "public class B {",
                "  @Async Task<Integer> fine() { return Task.completed(2); }",
                "}");
        JavaFileObject user = source("C", "package p;", "class C { Object b = new AsyncB(); }");
        Compilation c = javac().withProcessors(new AsyncProcessor()).withOptions("-A" + AsyncProcessor.FAIL_ON + "=boom")
                .compile(bad, good, user);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[AsyncInternalError]").inFile(bad).onLine(6);
        assertThat(c).hadErrorContaining("simulated internal failure");
        // one error in all: C's use of AsyncB compiled, so B's generated class was written

    }

    /**
     * {@code j += Await.on(i % 2 == 0 ? later(1) : now(1))} before a hoisted {@code var}: javac 17's
     * scope attribution dereferences a null class type on it (an [AsyncInternalError] with a
     * NullPointerException before). JDK 25 types it and the program compiles; on JDK 17 the user
     * gets a tagged error at the var with the fix, never an internal error.
     */
    @Test
    void conditionalOfInstanceCallsInCompoundAssignmentBeforeAHoistedVar() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                         // 5
                "  Task<Integer> later(int x) { return Asyncio.sleep(Duration.ofMillis(1), x); }", // 6
                "  Task<Integer> now(int x) { return Task.completed(x); }",                 // 7
                "  @Async Task<Long> run() {",                                              // 8
                "    var j = 0;",                                                           // 9
                "    for (int i = 0; i < 4; i++) {",                                        // 10
                "      j += Await.on(i % 2 == 0 ? later(1) : now(1));",                     // 11
                "    }",                                                                    // 12
                "    var k = 0L;",                                                          // 13
                "    k += Await.on(k > 0 ? later(1) : now(2)) + Await.on(later(3));",       // 14
                "    return Task.completed(k + j);",                                        // 15
                "  }",                                                                      // 16
                "}");
        Compilation c = compile(f);
        if (Runtime.version().feature() == 17) {
            assertThat(c).hadErrorContaining("[AsyncVarNeedsType] 'var k' lives across an await").inFile(f).onLine(13);
            assertThat(c).hadErrorContaining("Declare 'k' with its type instead of 'var'");
            assertThat(c).hadErrorCount(1);
        } else {
            assertThat(c).succeededWithoutWarnings();
        }
    }

    @Test
    void awaitInALambdaWhoseFunctionalMethodDoesNotReturnATaskSaysHowToMakeItWork() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                          // 5
                "  @Async Task<Integer> m(Task<Integer> t, java.util.List<Task<Integer>> ts) {", // 6
                "    ts.forEach(x -> Await.on(x));",                                         // 7
                "    Runnable r = () -> Await.on(t);",                                       // 8
                "    return Task.completed(1);",                                             // 9
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncAwaitInLambda] Await.on cannot be used inside this lambda: its functional"
                + " method does not return a Task").inFile(f).onLine(7);
        assertThat(c).hadErrorContaining("Make the lambda return a Task, e.g. 'tg.spawn(() -> {").inFile(f).onLine(8);
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void awaitInALambdaWhoseTargetCannotBeToldAsksForAVisibleType() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                          // 5
                "  <T> T pass(T x) { return x; }",                                           // 6
                "  @Async Task<Integer> m(Task<Integer> t) {",                              // 7
                "    var s = pass((java.util.function.Supplier<Task<Integer>>) null);",     // 8
                "    Object o = choose(() -> Task.completed(Await.on(t)));",                 // 9
                "    return Task.completed(1);",                                             // 10
                "  }",
                "  Object choose(java.util.function.Supplier<Task<Integer>> a) { return a; }",
                "  Object choose(Runnable b) { return b; }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncLambdaTarget] Await.on is inside a lambda whose type asyncio4j cannot"
                + " tell").inFile(f).onLine(9);
    }

    @Test
    void aLambdaThatAwaitsOutsideAnyAsyncMethodIsToldToMoveIntoOne() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                          // 5
                "  static void main(Task<Integer> t) {",                                     // 6
                "    java.util.function.Supplier<Task<Integer>> s = () -> Task.completed(Await.on(t));", // 7
                "  }",
                "  @Async Task<Integer> ok() { return Task.completed(1); }",  // the processor runs on this class
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncAwaitOutsideAsync] this lambda awaits, but it is not inside an @Async"
                + " method").inFile(f).onLine(7);
    }

    @Test
    void misuseInsideAnAsyncLambdaIsReportedAtItsLine() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                          // 5
                "  @Async Task<Integer> m(Task<Integer> t) {",                              // 6
                "    java.util.function.Supplier<Task<Integer>> s = () -> {",               // 7
                "      Runnable r = () -> Await.on(t);",                                     // 8
                "      return Task.completed(Await.on(t));",                                 // 9
                "    };",                                                                    // 10
                "    return s.get();",                                                       // 11
                "  }",
                "}");
        Compilation c = compile(f);
        assertThat(c).hadErrorContaining("[AsyncAwaitInLambda]").inFile(f).onLine(8);
        assertThat(c).hadErrorCount(1);
    }

    /** An async lambda's body is split into states like a method's, so the same two rules hold inside it. */
    @Test
    void anAsyncLambdaBodyFollowsTheSameRules() {
        boolean javac17 = Runtime.version().feature() == 17;
        JavaFileObject f = withHeader("A",
                "public class A {",                                                         // 5
                "  @Async Task<String> m(Object o, Task<Integer> t) {",                     // 6
                "    java.util.function.Function<Object, Task<String>> f = x -> {",        // 7
                "      class Box { int n; }",                                              // 8
                "      Box b = new Box();",                                                // 9
                "      b.n = Await.on(t);",                                                // 10
                "      String r = \"\";",                                                   // 11
                "      switch (x) {",                                                      // 12
                "        case String s -> { int n = Await.on(t); r = s + n; }",            // 13
                javac17 ? "        default -> r = \"other\";"                                 // 14
                        : "        case Integer i when Await.on(t) > i -> r = \"less\"; default -> r = \"other\";",
                "      }",                                                                 // 15
                "      return Task.completed(r + b.n);",                                   // 16
                "    };",                                                                  // 17
                "    return f.apply(o);",                                                  // 18
                "  }",                                                                     // 19
                "}");
        Compilation c = javac().withProcessors(new AsyncProcessor())
                .withOptions(javac17 ? new String[] {"--release", "17", "--enable-preview"} : new String[] {"--release", "21"})
                .compile(f);
        assertThat(c).hadErrorContaining("[AsyncLocalClass] local class Box").inFile(f).onLine(8);
        if (javac17) { // the pattern switch is refused as a whole on javac 17, only an awaiting guard from 21
            assertThat(c).hadErrorContaining("[AsyncPatternSwitch] 'case String s'").inFile(f).onLine(13);
            assertThat(c).hadErrorCount(2);
        } else {
            assertThat(c).hadErrorContaining("[AsyncPatternSwitch] this case guard awaits").inFile(f).onLine(14);
            assertThat(c).hadErrorCount(2);
        }
    }
}

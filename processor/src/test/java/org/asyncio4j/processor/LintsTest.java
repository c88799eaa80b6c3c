package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor's warnings: each pinned to its file and line, each silenced by its
 * {@code @SuppressWarnings} key, and none where the code is right (lambdas run elsewhere, tasks
 * handed to a group or the loop on purpose). Line 1 is the package declaration.
 */
class LintsTest {
    private static final String[] HEADER = {
        "package p;",                                               // 1
        "import java.io.*;",                                        // 2
        "import java.nio.file.*;",                                  // 3
        "import java.time.Duration;",                               // 4
        "import java.util.concurrent.*;",                           // 5
        "import org.asyncio4j.*;",                                  // 6
        "import org.asyncio4j.annotations.Async;",                  // 7
        "import org.asyncio4j.queue.AsyncQueue;",                   // 8
    };

    private static JavaFileObject source(String name, String... body) {
        String[] all = new String[HEADER.length + body.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(body, 0, all, HEADER.length, body.length);
        return JavaFileObjects.forSourceLines("p." + name, all);
    }

    private static Compilation compile(JavaFileObject... f) {
        Compilation c = javac().withProcessors(new AsyncProcessor()).compile(f);
        assertThat(c).succeeded(); // warnings never stop the machine from being generated
        return c;
    }

    @Test
    void blockingCallsWarnAtTheCallNamingTheAlternative() {
        JavaFileObject f = source("A",
                "public class A {",                                                                 // 9
                "  final BlockingQueue<String> queue = new LinkedBlockingQueue<>();",               // 10
                "  @Async Task<Integer> m(InputStream in, CompletableFuture<String> cf, Path p, Process proc)", // 11
                "      throws Exception {",                                                         // 12
                "    Thread.sleep(10);",                                                            // 13
                "    int b = in.read();",                                                           // 14
                "    String s = cf.join();",                                                        // 15
                "    byte[] all = Files.readAllBytes(p);",                                          // 16
                "    queue.take();",                                                                // 17
                "    proc.waitFor();",                                                              // 18
                "    java.util.concurrent.locks.Lock lock = new java.util.concurrent.locks.ReentrantLock();", // 19
                "    lock.lock();",                                                                 // 20
                "    return Task.completed(b);",                                                    // 21
                "  }",                                                                              // 22
                "}");
        Compilation c = compile(f);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] Thread.sleep(...) blocks the thread it runs on")
                .inFile(f).onLine(13);
        assertThat(c).hadWarningContaining("Instead: Await.on(Asyncio.sleep(Duration.ofMillis(...)))").inFile(f).onLine(13);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] InputStream.read(...)").inFile(f).onLine(14);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] CompletableFuture.join(...)").inFile(f).onLine(15);
        assertThat(c).hadWarningContaining("Instead: Await.on(future)").inFile(f).onLine(15);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] Files.readAllBytes(...)").inFile(f).onLine(16);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] BlockingQueue.take(...)").inFile(f).onLine(17);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] Process.waitFor(...)").inFile(f).onLine(18);
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] Lock.lock(...)").inFile(f).onLine(20);
        assertThat(c).hadWarningCount(7);
    }

    @Test
    void blockingCallsAreSilencedBySuppressWarningsAndNotReportedInLambdasOrInMemoryStreams() {
        JavaFileObject f = source("A",
                "public class A {",                                                                 // 9
                "  @Async Task<Integer> m(Path p, ByteArrayInputStream mem) throws Exception {",   // 10
                "    @SuppressWarnings(\"asyncio4j-blocking\") byte[] ok = Files.readAllBytes(p);", // 11
                "    byte[] off = Await.on(Asyncio.toThread(() -> Files.readAllBytes(p)));",        // 12
                "    int b = mem.read();",                                                          // 13
                "    return Task.completed(ok.length + off.length + b);",                           // 14
                "  }",                                                                              // 15
                "  @SuppressWarnings({\"unchecked\", \"asyncio4j-blocking\"})",                     // 16
                "  @Async Task<Integer> n() throws Exception {",                                    // 17
                "    Thread.sleep(1);",                                                             // 18
                "    return Task.completed(1);",                                                    // 19
                "  }",                                                                              // 20
                "}");
        assertThat(compile(f)).hadWarningCount(0);
    }

    @Test
    void aMethodThatOnlySharesABlockingMethodsNameIsNotReported() {
        JavaFileObject f = source("A",
                "public class A {",                                                                 // 9
                "  @Async Task<Integer> m(java.util.List<Task<Integer>> ts) throws Exception {",    // 10
                "    var done = Await.on(Asyncio.wait(ts, ReturnWhen.ALL_COMPLETED, null));",       // 11
                "    Object lock = new Object();",                                                  // 12
                "    synchronized (lock) { lock.wait(1); }",                                        // 13
                "    return Task.completed(done.done().size());",                                   // 14
                "  }",
                "}");
        Compilation c = compile(f);
        // Asyncio.wait is not Object.wait; lock.wait(1) is
        assertThat(c).hadWarningContaining("[AsyncBlockingCall] Object.wait(...) blocks").inFile(f).onLine(13);
        assertThat(c).hadWarningCount(1);
    }

    @Test
    void droppedTasksWarnAndTasksGivenAwayOnPurposeDoNot() {
        JavaFileObject f = source("A",
                "public class A {",                                                                 // 9
                "  final AsyncQueue<String> q = new AsyncQueue<>();",                               // 10
                "  @Async Task<Integer> helper() { return Task.completed(1); }",                    // 11
                "  @Async Task<Integer> m() {",                                                     // 12
                "    helper();",                                                                    // 13
                "    q.put(\"x\");",                                                                // 14
                "    Asyncio.sleep(Duration.ofMillis(1));",                                         // 15
                "    Asyncio.createTask(() -> helper());",                                          // 16
                "    Task<Integer> kept = helper();",                                               // 17
                "    Await.on(helper());",                                                          // 18
                "    try (var tg = new TaskGroup()) {",                                             // 19
                "      tg.spawn(() -> helper());",                                                  // 20
                "    }",                                                                            // 21
                "    @SuppressWarnings(\"asyncio4j-dropped-task\") Task<Void> x = null;",           // 22
                "    return kept;",                                                                 // 23
                "  }",                                                                              // 24
                "  @SuppressWarnings(\"asyncio4j-dropped-task\")",                                  // 25
                "  @Async Task<Integer> fireAndForget() {",                                         // 26
                "    helper();",                                                                    // 27
                "    return Task.completed(0);",                                                    // 28
                "  }",                                                                              // 29
                "}");
        Compilation c = compile(f);
        assertThat(c).hadWarningContaining("[AsyncDroppedTask] the task of helper(...) is dropped").inFile(f).onLine(13);
        assertThat(c).hadWarningContaining("[AsyncDroppedTask] the task of AsyncQueue.put(...) is dropped")
                .inFile(f).onLine(14);
        assertThat(c).hadWarningContaining("[AsyncDroppedTask] the task of Asyncio.sleep(...) is dropped")
                .inFile(f).onLine(15);
        assertThat(c).hadWarningCount(3);
    }

    @Test
    void constructingTheBlueprintWarnsNamingTheGeneratedClass() {
        JavaFileObject crawler = source("Crawler",
                "public class Crawler {",                                                           // 9
                "  @Async Task<Integer> m() { return Task.completed(1); }",                         // 10
                "  static Crawler make() { return new Crawler(); }",                                // 11
                "}");
        JavaFileObject user = JavaFileObjects.forSourceLines("q.User",
                "package q;",                                                                       // 1
                "import p.Crawler;",                                                                // 2
                "public class User {",                                                              // 3
                "  Object a() { return new Crawler(); }",                                           // 4
                "  Object b() { return new p.AsyncCrawler(); }",                                    // 5
                "  @SuppressWarnings(\"asyncio4j-blueprint\") Object c() { return new Crawler(); }",// 6
                "  Object d() { return new Crawler() { }; }",                                       // 7
                "}");
        Compilation c = compile(crawler, user);
        assertThat(c).hadWarningContaining("[AsyncBlueprintConstructed] this creates the blueprint p.Crawler")
                .inFile(crawler).onLine(11);
        assertThat(c).hadWarningContaining("Write 'new AsyncCrawler(...)' instead").inFile(user).onLine(4);
        assertThat(c).hadWarningCount(2);
    }
}

package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AwaitScan: which statements of a body must be lowered (an await inside, or a jump leaving
 * them), the target of each jump, the awaits found where they cannot be (each with its tag and
 * line), and the async lambdas of the body (LambdaTargets deciding whether a lambda's functional
 * method returns a Task).
 */
class AwaitScanTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.function.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;"; // line 1

    private static void body(String members, java.util.function.Consumer<StageFixture.Stage> test) {
        StageFixture.run(StageFixture.source("p.S", HEADER, "class S {", members, "}"), "p.S", test);
    }

    /** "line:lowered" for each top-level statement of the body. */
    private static List<String> lowered(StageFixture.Stage s, ClassModel.MethodModel m) {
        List<String> out = new ArrayList<>();
        for (StatementTree st : m.tree.getBody().getStatements()) {
            out.add(s.line(st) + ":" + m.scan.needsLowering(st));
        }
        return out;
    }

    private static List<String> diags(StageFixture.Stage s, AwaitScan scan) {
        List<String> out = new ArrayList<>();
        scan.diags.forEach(d -> out.add(d.tag() + "@" + s.line(d.at())));
        return out;
    }

    @Test
    void statementsWithAnAwaitOrATryWithResourcesAreLoweredOthersCopied() {
        body("""
                @Async Task<Integer> m(Task<Integer> t, boolean c) throws Exception {
                  int a = 1;
                  int b = Await.on(t);
                  if (c) { a++; }
                  if (c) { a += Await.on(t); }
                  try (var r = new java.io.StringReader("x")) { a += r.read(); }
                  for (int i = 0; i < 3; i++) { a += i; }
                  System.out.println(Await.on(t) + a);
                  return Task.completed(a + b);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals(List.of("4:false", "5:true", "6:false", "7:true", "8:true", "9:false", "10:true", "11:true"),
                    lowered(s, m));
            assertEquals(3, m.scan.awaits.size());
            assertEquals(List.of(5, 7, 10), m.scan.awaits.stream().map(s::line).toList());
            assertTrue(m.scan.diags.isEmpty());
            // the await's ancestors are marked up to the body, the branch without one is not
            IfTree second = (IfTree) m.tree.getBody().getStatements().get(3);
            assertTrue(m.scan.hasAwait.contains(second.getThenStatement()));
            assertTrue(m.scan.hasAwait.contains(m.tree.getBody()));
            assertTrue(m.scan.jumpTargets.isEmpty(), "a return has no target statement");
        });
    }

    @Test
    void jumpsMarkUpToTheirTargetOnlyAndRecordIt() {
        body("""
                @Async Task<Integer> m(int n) {
                  int a = 0;
                  while (a < n) { if (a == 3) break; a++; }
                  outer:
                  for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) { if (j == i) continue outer; if (j > 5) break outer; }
                  }
                  int y = switch (n) { case 1 -> { if (a > 0) yield 2; yield 3; } default -> 0; };
                  return Task.completed(a + y);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            BlockTree body = m.tree.getBody();
            WhileLoopTree loop = (WhileLoopTree) body.getStatements().get(1);
            LabeledStatementTree outer = (LabeledStatementTree) body.getStatements().get(2);
            BreakTree plainBreak = StageFixture.find(loop, BreakTree.class, b -> true).get(0);
            ContinueTree cont = StageFixture.find(outer, ContinueTree.class, c -> true).get(0);
            BreakTree labeled = StageFixture.find(outer, BreakTree.class, b -> true).get(0);
            assertSame(loop, m.scan.jumpTargets.get(plainBreak));
            assertSame(outer.getStatement(), m.scan.jumpTargets.get(cont), "continue targets the labeled loop");
            assertSame(outer, m.scan.jumpTargets.get(labeled), "break targets the labeled statement");
            SwitchExpressionTree sw = StageFixture.find(body, SwitchExpressionTree.class, t -> true).get(0);
            List<YieldTree> yields = StageFixture.find(sw, YieldTree.class, t -> true);
            assertEquals(2, yields.size());
            yields.forEach(y -> assertSame(sw, m.scan.jumpTargets.get(y)));
            // a jump inside its target is not an escape from the target: the loops stay copied...
            assertFalse(m.scan.needsLowering(loop));
            assertFalse(m.scan.needsLowering(outer));
            assertFalse(m.scan.needsLowering(sw));
            // ...but the statements between the jump and its target are marked
            assertTrue(m.scan.hasEscape.contains(loop.getStatement()));
            assertTrue(m.scan.hasEscape.contains(outer.getStatement()), "break outer leaves the labeled for loop");
            // the return is an escape from the whole body
            assertEquals(List.of("4:false", "5:false", "6:false", "10:false", "11:true"), lowered(s, m));
        });
    }

    @Test
    void awaitsWhereTheyCannotBeAreReportedWithTheirTags() {
        body("""
                Object lock = new Object();
                @Async Task<Integer> m(Task<Integer> t, AsyncIterable<Integer> ts) {
                  Runnable r = () -> Await.on(t);
                  Object o = new Object() { int f() { return Await.on(t); } };
                  synchronized (lock) { Await.on(t); }
                  Supplier<Task<Integer>> s;
                  s = () -> Task.completed(Await.on(t));
                  var it = Await.each(ts);
                  Await.yield(1);
                  return t;
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals(List.of("AsyncAwaitInLambda@5", "AsyncAwaitInClass@6", "AsyncAwaitInSynchronized@7",
                    "AsyncLambdaTarget@9", "AsyncEachOutsideFor@10", "AsyncYieldOutsideGenerator@11"), diags(s, m.scan));
            assertTrue(m.scan.asyncLambdas.isEmpty());
            // a misplaced await does not make its statement lowered
            assertFalse(m.scan.needsLowering(m.tree.getBody().getStatements().get(0)));
        });
    }

    @Test
    void asyncLambdasAreThoseWhoseTargetReturnsATask() {
        body("""
                @Async Task<Integer> m(Task<Integer> t, TaskGroup g) {
                  Supplier<Task<Integer>> a = () -> Task.completed(Await.on(t) + 1);
                  Function<Integer, Task<Integer>> b = x -> Task.completed(x);
                  Object c = (Supplier<Task<Integer>>) () -> { try (var r = new java.io.StringReader("")) { return t; } };
                  g.spawn(() -> Task.completed(Await.on(t) * 2));
                  Supplier<Task<Integer>> d = () -> {
                    Supplier<Task<Integer>> inner = () -> Task.completed(Await.on(t));
                    return inner.get();
                  };
                  return Task.completed(Await.on(a.get()));
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertTrue(m.scan.diags.isEmpty(), () -> diags(s, m.scan).toString());
            List<LambdaExpressionTree> all = StageFixture.lambdas(m.tree.getBody());
            assertEquals(6, all.size());
            // a: awaits; b: no await, nothing to lower; c: a try-with-resources (its close may await);
            // g.spawn's parameter returns a Task; d: its body does not await, its inner lambda does,
            // which is found when d is (the scan of d's body finds inner)
            assertEquals(List.of(all.get(0), all.get(2), all.get(3), all.get(4)), List.copyOf(m.scan.asyncLambdas));
            // statements holding only an async lambda are copied: the lambda becomes a call
            assertEquals(List.of("4:false", "5:false", "6:false", "7:false", "8:false", "12:true"), lowered(s, m));
            // LambdaTargets on its own
            com.sun.source.util.TreePath bPath = com.sun.source.util.TreePath.getPath(m.path, all.get(1));
            assertEquals(LambdaTargets.Kind.TASK, s.cm().lambdaTargets.classify(bPath, m.element, m.resolver));
        });
    }

    @Test
    void lambdaTargetsFromVariablesCastsAndParameters() {
        body("""
                static void run(Runnable r) {}
                static void over(Runnable r) {}
                static void over(Supplier<Task<Integer>> s) {}
                @Async Task<Integer> m(Task<Integer> t, List<Integer> xs) {
                  Runnable a = () -> {};
                  Supplier<? extends Task<Integer>> b = () -> t;
                  Object c = (Callable<Task<Integer>>) () -> t;
                  run(() -> {});
                  over(() -> t);
                  xs.forEach(x -> {});
                  Asyncio.createTask(() -> t);
                  return t;
                }
                interface Callable<V> { V call() throws Exception; }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            List<String> kinds = new ArrayList<>();
            for (LambdaExpressionTree l : StageFixture.lambdas(m.tree.getBody())) {
                com.sun.source.util.TreePath path = com.sun.source.util.TreePath.getPath(m.path, l);
                kinds.add(s.line(l) + ":" + s.cm().lambdaTargets.classify(path, m.element, m.resolver));
            }
            assertEquals(List.of("7:NOT_TASK", "8:TASK", "9:TASK", "10:NOT_TASK", "11:UNKNOWN", "12:NOT_TASK", "13:TASK"),
                    kinds);
        });
    }

    @Test
    void generatorBodiesMayYieldOnlyInTheirOwnStatementsAndEndWithEnd() {
        body("""
                @Async AsyncIterable<Integer> gen(int n) {
                  for (int i = 0; i < n; i++) { Await.yield(i); }
                  Runnable r = () -> Await.yield(0);
                  Object o = new Object() { void f() { Await.yield(3); } };
                  if (n < 0) return null;
                  return AsyncIterable.end();
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("gen");
            assertTrue(m.scan.generator);
            assertEquals(List.of("AsyncYieldOutsideGenerator@5", "AsyncYieldOutsideGenerator@6", "AsyncGeneratorReturn@7"),
                    diags(s, m.scan));
            assertTrue(m.scan.needsLowering(m.tree.getBody().getStatements().get(0)), "a yield suspends");
            assertTrue(m.scan.awaits.isEmpty(), "a yield is not an await");
        });
    }

    @Test
    void anAwaitEachLoopSuspendsAsAWhole() {
        body("""
                @Async Task<Integer> m(AsyncIterable<Integer> xs) {
                  int sum = 0;
                  for (int x : Await.each(xs)) { sum += x; }
                  for (int x : List.of(1, 2)) { sum += x; }
                  return Task.completed(sum);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals(List.of("4:false", "5:true", "6:false", "7:true"), lowered(s, m));
            assertTrue(m.scan.awaits.isEmpty(), "Await.each is not an Await.on");
            assertTrue(m.scan.diags.isEmpty());
            // the loop suspends, not its body: a body without await is copied
            com.sun.source.tree.EnhancedForLoopTree each =
                    (com.sun.source.tree.EnhancedForLoopTree) m.tree.getBody().getStatements().get(1);
            assertFalse(m.scan.needsLowering(each.getStatement()));
        });
    }
}

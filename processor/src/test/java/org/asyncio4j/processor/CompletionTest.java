package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.WhileLoopTree;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Completion: whether a statement copied unchanged can complete normally (JLS 14.22). CAN and
 * CANNOT must agree with javac, since the lowering adds a jump after a statement it says CAN
 * complete (javac rejects it as unreachable otherwise) and ends the state after one that CANNOT;
 * anything the rules do not settle must be UNKNOWN.
 */
class CompletionTest {
    private static final String A = "throw new IllegalStateException();";
    private static final String B = "throw new IllegalArgumentException();";

    /** Each case as the only statement of an {@code if (c) {...}} of its own, with its answer. */
    private static final String[][] CASES = {
        {"x++;", "CAN"},
        {";", "CAN"},
        {"int y = x;", "CAN"},
        {"class L {}", "CAN"},
        {"assert x > 0;", "CAN"},
        {A, "CANNOT"},
        {"{ x++; " + A + " }", "CANNOT"},
        {"{ }", "CAN"},
        {"if (x > 0) " + A, "CAN"},
        {"if (x > 0) " + A + " else " + B, "CANNOT"},
        {"if (x > 0) " + A + " else x++;", "CAN"},
        {"if (x > 0) " + A + " else while (x < 3) x++;", "UNKNOWN"},
        {"while (true) { x++; }", "CANNOT"},
        {"while ((true)) { x++; }", "CANNOT"},
        {"while (true) { if (x > 3) break; x++; }", "CAN"},
        {"while (true) { while (x < 2) { break; } }", "CANNOT"},
        {"while (true) { switch (x) { case 1: break; default: x++; } }", "CANNOT"},
        {"while (x < 3) x++;", "UNKNOWN"},
        {"while (1 < 2) x++;", "UNKNOWN"}, // a constant expression: javac folds it to true
        {"for (;;) { x++; }", "CANNOT"},
        {"for (;;) { break; }", "CAN"},
        {"for (int i = 0; true; i++) { x++; }", "CANNOT"},
        {"do { x++; } while (true);", "CANNOT"},
        {"do { x++; } while (false);", "CAN"},
        {"do { x++; if (x > 2) break; } while (true);", "CAN"},
        {"do { continue; } while (false);", "CAN"},
        {"do { " + A + " } while (false);", "CANNOT"},
        {"do { if (x > 2) break; " + A + " } while (false);", "CAN"},
        {"do { if (x > 2) continue; " + A + " } while (false);", "CAN"},
        {"do { while (x > 2) { break; } " + A + " } while (false);", "CANNOT"},
        {"while (true) { try { break; } finally { " + A + " } }", "CANNOT"},
        {"while (true) { try { break; } finally { x++; } }", "CAN"},
        {"for (int i : xs) { " + A + " }", "CAN"},
        {"outer: while (true) { while (true) { break outer; } }", "UNKNOWN"},
        {"switch (x) { default: " + A + " }", "UNKNOWN"},
        {"synchronized (this) { " + A + " }", "CANNOT"},
        {"synchronized (this) { x++; }", "CAN"},
        {"try { " + A + " } catch (RuntimeException e) { x++; }", "CAN"},
        {"try { " + A + " } catch (RuntimeException e) { throw e; }", "CANNOT"},
        {"try { " + A + " } catch (IllegalStateException e) { throw e; } catch (RuntimeException e) { x++; }", "CAN"},
        {"try { x++; } finally { " + A + " }", "CANNOT"},
        {"try { " + A + " } finally { x++; }", "CANNOT"},
        {"try { x++; } finally { while (x < 2) x++; }", "UNKNOWN"},
        {"try (var r = new java.io.StringReader(\"\")) { " + A + " }", "CANNOT"},
    };

    @Test
    void eachStatementAgreesWithJls1422() {
        List<String> lines = new ArrayList<>();
        lines.add("package p; import java.util.*; import org.asyncio4j.*; import org.asyncio4j.annotations.Async;");
        lines.add("class C {");
        lines.add("  @Async Task<Integer> m(int x, List<Integer> xs, boolean c) {");
        for (String[] k : CASES) {
            lines.add("    if (c) { " + k[0] + " }");
        }
        lines.add("    return Task.completed(x);");
        lines.add("  }");
        lines.add("}");
        StageFixture.run(StageFixture.source("p.C", lines.toArray(new String[0])), "p.C", s -> {
            ClassModel.MethodModel m = s.method("m");
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            Node body = s.model(m);
            List<Node> jumps = Completion.jumpsIn(body);
            for (int i = 0; i < CASES.length; i++) {
                Node inner = body.statements.get(i).thenStatement.statements.get(0);
                expected.add(CASES[i][1] + "  " + CASES[i][0]);
                actual.add(Completion.of(inner, jumps) + "  " + CASES[i][0]);
            }
            assertEquals(String.join("\n", expected), String.join("\n", actual));
        });
    }

    @Test
    void theInnerLoopOfABreakToAnOuterLabelCannotComplete() {
        StageFixture.run(StageFixture.source("p.C",
                "package p; import org.asyncio4j.*; import org.asyncio4j.annotations.Async;",
                "class C {",
                "  @Async Task<Integer> m(int x) {",
                "    outer: while (true) { while (true) { if (x > 0) break outer; } }",
                "    return Task.completed(x);",
                "  }",
                "}"), "p.C", s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = s.model(m);
            Node outer = body.statements.get(0).statement;
            Node inner = outer.statement.statements.get(0);
            List<Node> jumps = Completion.jumpsIn(body);
            assertEquals(Node.Kind.WHILE_LOOP, inner.kind);
            assertEquals(Completion.Result.CANNOT, Completion.of(inner, jumps));
            assertEquals(Completion.Result.CANNOT, Completion.of(outer, jumps),
                    "the break targets the labeled statement, not the loop it labels");
        });
    }

    /**
     * End to end, the two statements above that complete for a reader but not for javac: copied as
     * the last statement of a branch whose other side awaits, each is followed by the jump to the
     * code after the if, which javac rejects as unreachable if the lowering was told CAN.
     */
    @Test
    void theMachineCompilesWhenACopiedStatementCannotCompleteThroughFinallyOrDoWhileFalse() {
        JavaFileObject f = StageFixture.source("p.E",
                "package p; import org.asyncio4j.*; import org.asyncio4j.annotations.Async;",
                "class E {",
                "  @Async Task<Integer> doWhile(Task<Integer> t, boolean c) {",
                "    int v;",
                "    if (c) {",
                "      do { throw new IllegalStateException(); } while (false);",
                "    } else {",
                "      v = Await.on(t);",
                "    }",
                "    return Task.completed(v);",
                "  }",
                "  @Async Task<Integer> breakThroughFinally(Task<Integer> t, boolean c) {",
                "    int v;",
                "    if (c) {",
                "      while (true) { try { break; } finally { throw new IllegalStateException(); } }",
                "    } else {",
                "      v = Await.on(t);",
                "    }",
                "    return Task.completed(v);",
                "  }",
                "}");
        Compilation c = javac().withProcessors(new AsyncProcessor()).compile(f);
        assertThat(c).succeededWithoutWarnings();
    }
}

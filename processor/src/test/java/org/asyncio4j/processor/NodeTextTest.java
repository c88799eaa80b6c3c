package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * NodeText: the lowering's one way back from the model to code copies the user's text of a node,
 * replacing the nodes it is told to and applying the rewrites (locals, static @Async qualifiers,
 * marks before lambdas and classes, instanceof bindings), and nothing else.
 */
class NodeTextTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.function.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;";

    private static final String BODY = """
            static int compute(int x, int y) { return x + y; }
            @Async static Task<Integer> twice(int x) { return Task.completed(2 * x); }
            @Async Task<Integer> m(int n, Object o) {
              int a = n + 1;
              a = a * (n - 2) + compute(a, n);
              Supplier<Integer> s = () -> n * 2;
              boolean isS = o instanceof String str && str.length() > a;
              Runnable r = new Runnable() { public void run() { System.out.println(n); } };
              Task<Integer> t = T.twice(a);
              return Task.completed(a + s.get());
            }
            """;

    private static void body(java.util.function.Consumer<Node> test) {
        StageFixture.run(StageFixture.source("p.T", HEADER, "class T {", BODY, "}"), "p.T",
                s -> test.accept(s.model(s.method("m"))));
    }

    /** Rewrites that mark what they touch, so the output shows each one. */
    private static final class Marks implements NodeText.Rewrites {
        boolean locals;
        boolean qualifiers;
        boolean opaque;
        boolean bindings;
        Predicate<Node> replaced = n -> false;
        final List<String> opaqueSeen = new ArrayList<>();

        @Override
        public String local(Node identifier) {
            return locals && identifier.local != null ? "<" + identifier.name + ">" : null;
        }

        @Override
        public String qualifier(Node select) {
            return qualifiers && "T".equals(select.expression.qualifiedName()) ? "AsyncT" : null;
        }

        @Override
        public String opaque(Node lambdaOrClass) {
            opaqueSeen.add(lambdaOrClass.kind.name());
            if (!opaque || lambdaOrClass.captures == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            lambdaOrClass.captures.forEach(l -> sb.append('@').append(l.name));
            return sb.append('@').toString();
        }

        @Override
        public String replace(Node n) {
            return replaced.test(n) ? "CALL" : null;
        }

        @Override
        public String binding(Node binding) {
            return bindings ? "<b:" + binding.name + ">" : null;
        }

        @Override
        public String pattern(Node binding) {
            return bindings ? "<p:" + binding.name + ">" : null;
        }

        @Override
        public String store(Node binding) {
            return bindings ? " <store:" + binding.name + ">" : null;
        }
    }

    private static String render(Node n, Marks rw) {
        return NodeText.render(n, Map.of(), rw);
    }

    @Test
    void withoutRewritesEachStatementIsItsSourceText() {
        body(body -> {
            List<String> rendered = new ArrayList<>();
            for (Node st : body.statements) {
                rendered.add(render(st, new Marks()));
            }
            assertEquals(List.of(
                    "int a = n + 1;",
                    "a = a * (n - 2) + compute(a, n);",
                    "Supplier<Integer> s = () -> n * 2;",
                    "boolean isS = o instanceof String str && str.length() > a;",
                    "Runnable r = new Runnable() { public void run() { System.out.println(n); } };",
                    "Task<Integer> t = T.twice(a);",
                    "return Task.completed(a + s.get());"), rendered);
            assertEquals(body.text(), render(body, new Marks()));
        });
    }

    @Test
    void localsAndStaticAsyncQualifiersAreRewrittenOtherNamesKept() {
        body(body -> {
            Marks rw = new Marks();
            rw.locals = true;
            rw.qualifiers = true;
            assertEquals("<a> = <a> * (<n> - 2) + compute(<a>, <n>);", render(body.statements.get(1), rw),
                    "compute is a method, not a local");
            assertEquals("int a = <n> + 1;", render(body.statements.get(0), rw), "a declared name is not a reference");
            assertEquals("Task<Integer> t = AsyncT.twice(<a>);", render(body.statements.get(5), rw));
            assertEquals("return Task.completed(<a> + <s>.get());", render(body.statements.get(6), rw),
                    "Task is not a static @Async qualifier");
        });
    }

    @Test
    void overridesReplaceWholeNodesAndHideTheEditsInsideThem() {
        body(body -> {
            Marks rw = new Marks();
            rw.locals = true;
            Node assign = body.statements.get(1).expression;
            Node plus = assign.expression;
            Node times = plus.leftOperand;
            Node parens = times.rightOperand;
            Node innerN = parens.expression.leftOperand;
            assertEquals("(n - 2)", parens.text());
            Map<Node, String> overrides = new IdentityHashMap<>();
            overrides.put(parens, "$spill0");
            assertEquals("<a> = <a> * $spill0 + compute(<a>, <n>);", NodeText.render(body.statements.get(1), overrides, rw));
            overrides.put(innerN, "NEVER");
            overrides.put(plus.rightOperand, "$call");
            assertEquals("<a> = <a> * $spill0 + $call;", NodeText.render(body.statements.get(1), overrides, rw),
                    "an override nested inside another is not applied");
            overrides.put(times, "$t");
            assertEquals("<a> = $t + $call;", NodeText.render(body.statements.get(1), overrides, rw));
            assertEquals("WHOLE", NodeText.render(assign, Map.of(assign, "WHOLE"), rw), "the node itself overridden");
            rw.replaced = n -> n == plus.rightOperand;
            assertEquals("<a> = <a> * (<n> - 2) + CALL;", render(body.statements.get(1), rw),
                    "Rewrites.replace acts as an override");
        });
    }

    @Test
    void lambdasAndClassesGetTheirCaptureMarksInFrontAndKeepTheirInsides() {
        body(body -> {
            Marks rw = new Marks();
            rw.locals = true;
            rw.opaque = true;
            assertEquals("Supplier<Integer> s = @n@() -> n * 2;", render(body.statements.get(2), rw));
            // javac places an anonymous class body at its brace: the mark goes there, still inside the statement
            assertEquals("Runnable r = new Runnable() @n@{ public void run() { System.out.println(n); } };",
                    render(body.statements.get(4), rw));
            assertEquals(List.of("LAMBDA_EXPRESSION", "CLASS"), rw.opaqueSeen, "opaque is asked once per lambda or class body copied");
            rw.replaced = n -> n.kind == Node.Kind.LAMBDA_EXPRESSION;
            assertEquals("Supplier<Integer> s = CALL;", render(body.statements.get(2), rw),
                    "a replaced lambda (an async lambda's call) leaves no mark");
        });
    }

    @Test
    void aRewrittenInstanceofBindingIsParenthesised() {
        body(body -> {
            Marks rw = new Marks();
            rw.locals = true;
            rw.bindings = true;
            assertEquals("boolean isS = (<o> instanceof String <b:str>) && <str>.length() > <a>;",
                    render(body.statements.get(3), rw));
            rw.bindings = false;
            assertEquals("boolean isS = <o> instanceof String str && <str>.length() > <a>;",
                    render(body.statements.get(3), rw), "a binding kept as it is needs no parentheses");
        });
    }

    @Test
    void aNodeWithoutPositionCannotBeCopied() {
        body(body -> {
            Node modifiers = body.statements.get(0).children.get(0);
            assertEquals(-1, modifiers.start);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> render(modifiers, new Marks()));
            assertEquals("no source position for OTHER: " + modifiers.printed, e.getMessage());
            assertEquals("X", NodeText.render(modifiers, Map.of(modifiers, "X"), new Marks()),
                    "an override needs no position");
        });
    }

    private static final String NESTED = """
            @Async Task<Integer> m(int n) {
              if (n > 0) {
                  for (int i = 0; i < n; i++) {
                      System.out.println(
                              i);
                  }
              }
              String s = \"""
                one
               two\""";
              return Task.completed(s.length());
            }
            """;

    /**
     * A multi-line copy goes where the writer puts its first line: the later lines keep their indentation
     * relative to the source line the copy starts on, not the user's whole nesting (which read as ragged
     * once the copy sat at the state's level). A text block is copied as written: its lines' indentation
     * is part of the string.
     */
    @Test
    void continuationLinesKeepTheirIndentationRelativeToTheFirstLine() {
        StageFixture.run(StageFixture.source("p.T", HEADER, "class T {", NESTED, "}"), "p.T", s -> {
            Node body = s.model(s.method("m"));
            Node loop = body.statements.get(0).thenStatement.statements.get(0);
            assertEquals("""
                    if (n > 0) {
                        for (int i = 0; i < n; i++) {
                            System.out.println(
                                    i);
                        }
                    }""", render(body.statements.get(0), new Marks()));
            assertEquals("""
                    for (int i = 0; i < n; i++) {
                        System.out.println(
                                i);
                    }""", render(loop, new Marks()), "a nested statement: relative to its own first line");
            assertEquals("String s = \"\"\"\n    one\n   two\"\"\";", render(body.statements.get(1), new Marks()),
                    "the text block as the source has it (its lines indented 4 and 3, the statement 2)");
        });
    }
}

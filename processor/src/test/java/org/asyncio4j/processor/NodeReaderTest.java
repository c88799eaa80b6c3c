package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * NodeReader: the model of a body reads like javac's trees (each role under javac's name, children
 * in TreeScanner order, the user's text and lines) and carries what the reading stages resolved
 * (locals, awaits, jumps, captures, recognised calls, the type a {@code var} constructs).
 */
class NodeReaderTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.function.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;"; // line 1

    static void body(String members, java.util.function.Consumer<StageFixture.Stage> test) {
        StageFixture.run(StageFixture.source("p.N", HEADER, "class N {", members, "}"), "p.N", test);
    }

    /** The model of {@code name}, checked against javac's tree of the same body before it is handed out. */
    static Node model(StageFixture.Stage s, String name) {
        ClassModel.MethodModel m = s.method(name);
        Node root = s.model(m);
        assertEquals(javacScan(s, m.tree.getBody()), modelScan(root), "the model mirrors javac's TreeScanner order");
        return root;
    }

    /** "depth kind start-end" of every tree, in javac's TreeScanner order. */
    private static List<String> javacScan(StageFixture.Stage s, Tree body) {
        List<String> out = new ArrayList<>();
        Source src = s.cm().src;
        new TreeScanner<Void, Integer>() {
            @Override
            public Void scan(Tree t, Integer depth) {
                if (t == null) {
                    return null;
                }
                String kind = Set.of(Node.Kind.values()).stream().anyMatch(k -> k.name().equals(t.getKind().name()))
                        ? t.getKind().name() : "OTHER";
                boolean positioned = src.start(t) >= 0 && src.end(t) >= src.start(t);
                out.add(depth + " " + kind + " " + (positioned ? src.start(t) + "-" + src.end(t) : "-1--1"));
                return super.scan(t, depth + 1);
            }
        }.scan(body, 0);
        return out;
    }

    private static List<String> modelScan(Node root) {
        List<String> out = new ArrayList<>();
        walk(root, 0, out);
        return out;
    }

    private static void walk(Node n, int depth, List<String> out) {
        out.add(depth + " " + n.kind + " " + n.start + "-" + n.end);
        n.children.forEach(c -> walk(c, depth + 1, out));
    }

    /** Every node under {@code root} (itself included), parents first, that {@code which} accepts. */
    private static List<Node> all(Node root, Predicate<Node> which) {
        List<Node> out = new ArrayList<>();
        root.forEach(n -> {
            if (which.test(n)) {
                out.add(n);
            }
        });
        return out;
    }

    /** The one node of {@code kind} whose text is {@code text}. */
    private static Node one(Node root, Node.Kind kind, String text) {
        List<Node> found = all(root, n -> n.kind == kind && text.equals(n.text()));
        assertEquals(1, found.size(), () -> kind + " " + text + ": " + found);
        return found.get(0);
    }

    static List<String> kinds(List<Node> ns) {
        return ns.stream().map(n -> n == null ? "null" : n.kind.name()).toList();
    }

    static List<String> texts(List<Node> ns) {
        return ns.stream().map(Node::text).toList();
    }

    @Test
    void loopsAndBranchesKeepJavacsRoles() {
        body("""
                @Async Task<Integer> m(int n, List<Integer> xs, AsyncIterable<Integer> ys) {
                  int a = 0;
                  if (n > 0) a++; else { a--; }
                  while (a < n) a += 2;
                  do { a--; } while (a > 10);
                  for (int i = 0; i < n; i++, a--) { a += i; }
                  for (;;) { break; }
                  for (int x : xs) a += x;
                  for (int y : Await.each(ys)) { a += y; }
                  outer: while (true) { break outer; }
                  return Task.completed(a);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            assertEquals(List.of("VARIABLE", "IF", "WHILE_LOOP", "DO_WHILE_LOOP", "FOR_LOOP", "FOR_LOOP",
                    "ENHANCED_FOR_LOOP", "ENHANCED_FOR_LOOP", "LABELED_STATEMENT", "RETURN"), kinds(body.statements));

            Node iff = body.statements.get(1);
            assertEquals(Node.Kind.PARENTHESIZED, iff.condition.kind);
            assertEquals("(n > 0)", iff.condition.text());
            Node gt = iff.condition.expression;
            assertEquals(Node.Kind.GREATER_THAN, gt.kind);
            assertSame(s.local(m, "n"), gt.leftOperand.local);
            assertEquals(0, gt.rightOperand.value);
            assertEquals("a++;", iff.thenStatement.text());
            assertEquals(Node.Kind.POSTFIX_INCREMENT, iff.thenStatement.expression.kind);
            assertEquals(Node.Kind.BLOCK, iff.elseStatement.kind);
            assertEquals(List.of("a--;"), texts(iff.elseStatement.statements));

            Node whileLoop = body.statements.get(2);
            assertEquals("(a < n)", whileLoop.condition.text());
            assertEquals(Node.Kind.PLUS_ASSIGNMENT, whileLoop.statement.expression.kind);
            assertNull(whileLoop.thenStatement);

            Node doLoop = body.statements.get(3);
            assertEquals("(a > 10)", doLoop.condition.text());
            assertEquals("{ a--; }", doLoop.statement.text());

            Node forLoop = body.statements.get(4);
            assertEquals(List.of("VARIABLE"), kinds(forLoop.forInit));
            assertEquals("i", forLoop.forInit.get(0).name);
            assertSame(s.local(m, "i"), forLoop.forInit.get(0).local);
            assertEquals("i < n", forLoop.condition.text(), "a for's condition has no parentheses of its own");
            assertEquals(List.of("i++", "a--"), texts(update(forLoop)));
            assertEquals(List.of("EXPRESSION_STATEMENT", "EXPRESSION_STATEMENT"), kinds(forLoop.update));
            assertEquals("{ a += i; }", forLoop.statement.text());
            Node forever = body.statements.get(5);
            assertEquals(List.of(), forever.forInit);
            assertNull(forever.condition);
            assertEquals(List.of(), forever.update);

            Node plainEach = body.statements.get(6);
            assertEquals("x", plainEach.variable.name);
            assertEquals(Local.Kind.FOR_EACH, plainEach.variable.local.kind);
            assertSame(s.local(m, "xs"), plainEach.expression.local);
            assertFalse(plainEach.hasAwait);
            Node asyncEach = body.statements.get(7);
            assertEquals("Await.each(ys)", asyncEach.expression.text());
            assertTrue(asyncEach.expression.isEach);
            assertFalse(asyncEach.expression.isAwait);
            assertTrue(asyncEach.hasAwait, "the loop suspends at each step");
            assertFalse(asyncEach.expression.hasAwait, "the loop, not its source expression, is the suspension point");
            assertFalse(asyncEach.statement.hasAwait);

            Node labeled = body.statements.get(8);
            assertEquals("outer", labeled.name);
            assertEquals(Node.Kind.WHILE_LOOP, labeled.statement.kind);
            Node breakOuter = labeled.statement.statement.statements.get(0);
            assertSame(labeled, breakOuter.jumpTarget, "break outer leaves the labeled statement, not the loop");
            Node breakForever = forever.statement.statements.get(0);
            assertSame(forever, breakForever.jumpTarget);
        });
    }

    /** The update expressions of a for loop (javac wraps each in an expression statement). */
    private static List<Node> update(Node forLoop) {
        return forLoop.update.stream().map(u -> u.expression).toList();
    }

    @Test
    void switchStatementsRulesDefaultsAndSwitchExpressionYields() {
        body("""
                @Async Task<Integer> m(int n) {
                  int a = 0;
                  switch (n) {
                    case 1, 2:
                      a = 1;
                      break;
                    default:
                      a = 2;
                  }
                  switch (n) {
                    case 3 -> a = 3;
                    case 4 -> { a = 4; }
                    default -> throw new IllegalStateException("n=" + n);
                  }
                  int b = switch (n) {
                    case 5 -> 50;
                    default -> { int t = n * 2; yield t + 1; }
                  };
                  return Task.completed(a + b);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            Node classic = body.statements.get(1);
            assertEquals(Node.Kind.SWITCH, classic.kind);
            assertEquals("(n)", classic.expression.text());
            assertEquals(2, classic.cases.size());
            Node case12 = classic.cases.get(0);
            assertEquals(Node.CaseKind.STATEMENT, case12.caseKind);
            assertEquals(List.of("1", "2"), texts(case12.expressions));
            assertEquals(List.of(1, 2), case12.expressions.stream().map(l -> l.value).toList());
            assertEquals(List.of("a = 1;", "break;"), texts(case12.statements));
            assertNull(case12.body);
            assertSame(classic, case12.statements.get(1).jumpTarget);
            assertTrue(case12.needsLowering, "the case holds a break out of it");
            assertFalse(classic.needsLowering, "the break stays inside the switch");
            Node classicDefault = classic.cases.get(1);
            assertEquals(List.of(), classicDefault.expressions, "default has no labels");
            assertEquals(List.of("a = 2;"), texts(classicDefault.statements));

            Node rules = body.statements.get(2);
            assertEquals(List.of("RULE", "RULE", "RULE"), rules.cases.stream().map(c -> c.caseKind.name()).toList());
            assertEquals(List.of("EXPRESSION_STATEMENT", "BLOCK", "THROW"),
                    kinds(rules.cases.stream().map(c -> c.body).toList()));
            assertEquals(List.of(List.of(), List.of(), List.of()),
                    rules.cases.stream().map(c -> c.statements).toList(), "a rule's code is its body");
            assertEquals(List.of("3"), texts(rules.cases.get(0).expressions));
            assertEquals(List.of(), rules.cases.get(2).expressions);
            Node thrown = rules.cases.get(2).body.expression;
            assertEquals(Node.Kind.NEW_CLASS, thrown.kind);
            assertEquals("\"n=\" + n", thrown.arguments.get(0).text());

            Node switchExpression = body.statements.get(3).initializer;
            assertEquals(Node.Kind.SWITCH_EXPRESSION, switchExpression.kind);
            assertTrue(switchExpression.isExpression);
            Node five = switchExpression.cases.get(0);
            assertEquals(Node.Kind.INT_LITERAL, five.body.kind);
            assertEquals(50, five.body.value);
            Node yieldCase = switchExpression.cases.get(1);
            Node yield = yieldCase.body.statements.get(1);
            assertEquals(Node.Kind.YIELD, yield.kind);
            assertEquals("t + 1", yield.expression.text());
            assertSame(switchExpression, yield.jumpTarget);
            assertTrue(yield.needsLowering);
            assertTrue(yieldCase.needsLowering);
            assertFalse(switchExpression.needsLowering, "a yield does not leave its switch expression");
            assertSame(s.local(m, "t"), yieldCase.body.statements.get(0).local);
            assertSame(s.local(m, "t"), yield.expression.leftOperand.local);
        });
    }

    @Test
    void tryResourcesMultiCatchFinallyAssertThrowReturn() {
        body("""
                @Async Task<Integer> m(int n) throws Exception {
                  int a = 0;
                  try (var r = new java.io.StringReader("x"); java.io.Reader q = new java.io.StringReader("y")) {
                    a = r.read() + q.read();
                  } catch (IllegalStateException | java.io.IOException e) {
                    a = -1;
                  } catch (RuntimeException e) {
                    a = -2;
                  } finally {
                    a += 10;
                  }
                  assert a > 0 : "a=" + a;
                  assert a != 3;
                  if (a < 0) throw new IllegalStateException("neg");
                  return Task.completed(a);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            Node tr = body.statements.get(1);
            assertEquals(Node.Kind.TRY, tr.kind);
            assertEquals(List.of("r", "q"), tr.resources.stream().map(r -> r.name).toList());
            assertSame(s.local(m, "r"), tr.resources.get(0).local);
            assertEquals(Local.Kind.RESOURCE, tr.resources.get(1).local.kind);
            assertNull(tr.resources.get(0).type, "var: no type written (javac has none before attribution)");
            assertEquals("java.io.Reader", tr.resources.get(1).type.text());
            assertTrue(tr.needsLowering, "a try-with-resources is always lowered");
            assertEquals(Node.Kind.BLOCK, tr.block.kind);
            assertEquals(List.of("CATCH", "CATCH"), kinds(tr.catches));
            List<Local> es = s.locals(m, "e");
            Node multi = tr.catches.get(0).parameter;
            assertSame(es.get(0), multi.local);
            assertEquals(Local.Kind.CATCH, multi.local.kind);
            assertEquals(Node.Kind.UNION_TYPE, multi.type.kind);
            assertEquals(List.of("IDENTIFIER", "MEMBER_SELECT"), kinds(multi.type.typeAlternatives));
            assertEquals(List.of("IllegalStateException", "java.io.IOException"), texts(multi.type.typeAlternatives));
            Node single = tr.catches.get(1).parameter;
            assertSame(es.get(1), single.local);
            assertEquals(Node.Kind.IDENTIFIER, single.type.kind);
            assertEquals("{ a = -2; }", tr.catches.get(1).block.text().replaceAll("\\s+", " "));
            assertEquals(List.of("a += 10;"), texts(tr.finallyBlock.statements));

            Node withDetail = body.statements.get(2);
            assertEquals(Node.Kind.ASSERT, withDetail.kind);
            assertEquals(Node.Kind.GREATER_THAN, withDetail.condition.kind);
            assertEquals("\"a=\" + a", withDetail.detail.text());
            assertEquals("a=", withDetail.detail.leftOperand.value);
            Node withoutDetail = body.statements.get(3);
            assertEquals("a != 3", withoutDetail.condition.text());
            assertNull(withoutDetail.detail);

            Node thrower = body.statements.get(4).thenStatement;
            assertEquals(Node.Kind.THROW, thrower.kind);
            assertEquals("new IllegalStateException(\"neg\")", thrower.expression.text());
            assertEquals("IllegalStateException", thrower.expression.identifier.name);
            Node ret = body.statements.get(5);
            assertEquals(Node.Kind.RETURN, ret.kind);
            assertTrue(ret.expression.isTaskCompleted);
            assertTrue(ret.needsLowering, "a return leaves the body");
        });
    }

    @Test
    void expressionsKeepTheirOperandsAndLiteralValues() {
        body("""
                @Async Task<Integer> m(int n, Object o) {
                  String s = String.valueOf(n).trim();
                  List<String> l = new ArrayList<>(List.of(s));
                  int[] sized = new int[n];
                  int[] empty = new int[] {};
                  int[] some = {1, 2};
                  n += 1; n -= 2; n *= 3; n /= 1; n %= 5; n <<= 1; n >>= 1; n >>>= 1; n &= 7; n ^= 1; n |= 4;
                  int c = n > 0 ? n : -n;
                  if (o instanceof String str && !str.isEmpty()) { n++; }
                  long big = 5L; double d = 1.5; float f = 2f; char ch = 'x'; boolean b = true; Object z = null;
                  return Task.completed(n + sized[0]);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            Node trim = body.statements.get(0).initializer;
            assertEquals(Node.Kind.METHOD_INVOCATION, trim.kind);
            assertEquals("trim", trim.methodSelect.name);
            assertEquals(List.of(), trim.arguments);
            Node valueOf = trim.methodSelect.expression;
            assertEquals("String.valueOf", valueOf.methodSelect.qualifiedName());
            assertNull(valueOf.methodSelect.expression.local, "a type name is no local");
            assertEquals(List.of("n"), texts(valueOf.arguments));
            assertSame(s.local(m, "n"), valueOf.arguments.get(0).local);
            assertFalse(valueOf.isAwait || valueOf.isEach || valueOf.isYield || valueOf.isTaskCompleted);

            Node newList = body.statements.get(1).initializer;
            assertEquals(Node.Kind.NEW_CLASS, newList.kind);
            assertEquals(Node.Kind.PARAMETERIZED_TYPE, newList.identifier.kind);
            assertEquals("ArrayList<>", newList.identifier.text());
            assertEquals(List.of(), newList.identifier.typeArguments);
            assertEquals(List.of("List.of(s)"), texts(newList.arguments));
            assertNull(newList.classBody);
            assertNull(newList.enclosingExpression);

            Node sized = body.statements.get(2).initializer;
            assertEquals("int", sized.type.text());
            assertEquals(List.of("n"), texts(sized.dimensions));
            assertNull(sized.initializers, "new int[n] has no initializer list");
            Node empty = body.statements.get(3).initializer;
            assertEquals(List.of(), empty.initializers, "new int[] {} has an empty one");
            assertEquals(List.of(), empty.dimensions);
            Node some = body.statements.get(4).initializer;
            assertNull(some.type, "{1, 2} writes no element type");
            assertEquals(List.of(1, 2), some.initializers.stream().map(i -> i.value).toList());

            List<Node> compound = body.statements.subList(5, 16).stream().map(st -> st.expression).toList();
            assertEquals(List.of("PLUS_ASSIGNMENT", "MINUS_ASSIGNMENT", "MULTIPLY_ASSIGNMENT", "DIVIDE_ASSIGNMENT",
                    "REMAINDER_ASSIGNMENT", "LEFT_SHIFT_ASSIGNMENT", "RIGHT_SHIFT_ASSIGNMENT",
                    "UNSIGNED_RIGHT_SHIFT_ASSIGNMENT", "AND_ASSIGNMENT", "XOR_ASSIGNMENT", "OR_ASSIGNMENT"), kinds(compound));
            for (Node a : compound) {
                assertTrue(a.kind.isCompoundAssignment(), a::toString);
                assertSame(s.local(m, "n"), a.variable.local, a::toString);
            }
            assertEquals(List.of(1, 2, 3, 1, 5, 1, 1, 1, 7, 1, 4), compound.stream().map(a -> a.expression.value).toList());

            Node cond = body.statements.get(16).initializer;
            assertEquals(Node.Kind.CONDITIONAL_EXPRESSION, cond.kind);
            assertEquals("n > 0", cond.condition.text());
            assertEquals("n", cond.trueExpression.text());
            assertEquals(Node.Kind.UNARY_MINUS, cond.falseExpression.kind);

            Node instanceOf = body.statements.get(17).condition.expression.leftOperand;
            assertEquals(Node.Kind.INSTANCE_OF, instanceOf.kind);
            assertSame(s.local(m, "o"), instanceOf.expression.local);
            assertEquals("str", instanceOf.binding.name);
            assertEquals("String str", instanceOf.binding.text());
            assertSame(s.local(m, "str"), instanceOf.binding.local);
            assertEquals(Local.Kind.BINDING, instanceOf.binding.local.kind);
            assertSame(instanceOf.binding.type, instanceOf.type, "the instanceof's type is its binding's");
            assertEquals("String", instanceOf.type.name);
            Node strUse = one(body, Node.Kind.IDENTIFIER, "str");
            assertSame(instanceOf.binding.local, strUse.local);

            List<Node> literals = body.statements.subList(18, 24).stream().map(v -> v.initializer).toList();
            assertEquals(List.of("LONG_LITERAL", "DOUBLE_LITERAL", "FLOAT_LITERAL", "CHAR_LITERAL", "BOOLEAN_LITERAL",
                    "NULL_LITERAL"), kinds(literals));
            assertEquals(java.util.Arrays.asList(5L, 1.5, 2f, 'x', true, null), literals.stream().map(l -> l.value).toList());
            literals.forEach(l -> assertTrue(l.kind.isLiteral() && l.isExpression, l::toString));
            assertFalse(body.statements.get(18).isExpression, "a declaration is a statement");
        });
    }

    @Test
    void awaitsMarkExactlyTheirAncestorsOutsideLambdas() {
        body("""
                @Async Task<Integer> m(Task<Integer> t, int n) {
                  int a = n;
                  if (a > 0) {
                    a += Await.on(t) * 2;
                  }
                  Supplier<Integer> plain = () -> n + 1;
                  Supplier<Task<Integer>> lam = () -> { int z = Await.on(t); return Task.completed(z + n); };
                  return Task.completed(a + plain.get());
                }
                @Async AsyncIterable<Integer> gen(int n) {
                  for (int i = 0; i < n; i++) { Await.yield(i); }
                  return AsyncIterable.end();
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            List<Node> awaits = all(body, n -> n.isAwait);
            assertEquals(List.of("Await.on(t)", "Await.on(t)"), texts(awaits));
            Node await = awaits.get(0);
            assertEquals(List.of(body, body.statements.get(1), body.statements.get(1).thenStatement,
                    body.statements.get(1).thenStatement.statements.get(0),
                    body.statements.get(1).thenStatement.statements.get(0).expression,
                    body.statements.get(1).thenStatement.statements.get(0).expression.expression, await),
                    all(body, n -> n.hasAwait), "hasAwait is set on the await and its ancestors only");
            assertEquals(List.of("BLOCK", "IF", "BLOCK", "EXPRESSION_STATEMENT", "PLUS_ASSIGNMENT", "MULTIPLY",
                    "METHOD_INVOCATION"), kinds(all(body, n -> n.hasAwait)));
            assertSame(s.local(m, "t"), await.arguments.get(0).local);
            assertEquals("java.lang.Integer", await.arguments.get(0).awaitedType(), "t is a parameter of type Task<Integer>");

            Node plain = body.statements.get(2).initializer;
            Node lam = body.statements.get(3).initializer;
            assertEquals(Node.Kind.LAMBDA_EXPRESSION, lam.kind);
            assertEquals(Set.of(s.local(m, "n")), plain.captures);
            assertEquals(Set.of(s.local(m, "t"), s.local(m, "n")), lam.captures);
            assertTrue(all(lam, n -> n.hasAwait || n.needsLowering).isEmpty(), "a lambda's own awaits are its own");
            assertTrue(all(lam, n -> n.local != null).isEmpty(), "inside a lambda, names are captures, not locals");
            assertNull(lam.replacement, "no async-lambda calls were given to the reader");
            assertNull(body.statements.get(0).captures);
            List<Node> completed = all(body, n -> n.isTaskCompleted);
            assertEquals(List.of("Task.completed(z + n)", "Task.completed(a + plain.get())"), texts(completed));

            Node gen = model(s, "gen");
            Node yield = one(gen, Node.Kind.METHOD_INVOCATION, "Await.yield(i)");
            assertTrue(yield.isYield);
            assertFalse(yield.isAwait);
            assertTrue(yield.hasAwait, "a yield suspends the generator");
            assertTrue(gen.statements.get(0).hasAwait);
            assertFalse(gen.statements.get(1).hasAwait);
            assertEquals(List.of(yield), all(gen, n -> n.isYield));
        });
    }

    @Test
    void aBreakOutOfALoopLowersTheStatementsItLeavesOnly() {
        body("""
                @Async Task<Integer> m(int n) {
                  int k = 0;
                  while (k < 10) { if (k == n) break; k++; }
                  for (int i = 0; i < 3; i++) { k += i; }
                  return Task.completed(k);
                }
                """, s -> {
            Node body = model(s, "m");
            Node loop = body.statements.get(1);
            Node brk = one(body, Node.Kind.BREAK, "break;");
            assertSame(loop, brk.jumpTarget);
            assertEquals(List.of(body, loop.statement, loop.statement.statements.get(0), brk, body.statements.get(3)),
                    all(body, n -> n.needsLowering), "the loop's body and the if are left; the loop is not");
            assertEquals(List.of(brk), all(body, n -> n.jumpTarget != null));
        });
    }

    @Test
    void eachDeclaratorOfAMultipleDeclarationHasItsOwnLocalAndInitializer() {
        body("""
                @Async Task<Integer> m() {
                  String s1 = "a", s2 = "b";
                  for (int i = 0, j = 1; i < j; i++) { }
                  return Task.completed(s1.length() + s2.length());
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            assertEquals(List.of("VARIABLE", "VARIABLE", "FOR_LOOP", "RETURN"), kinds(body.statements),
                    "javac splits a multiple declaration into one statement per declarator");
            Node s1 = body.statements.get(0);
            Node s2 = body.statements.get(1);
            assertEquals(List.of("s1", "s2"), List.of(s1.name, s2.name));
            assertSame(s.local(m, "s1"), s1.local);
            assertSame(s.local(m, "s2"), s2.local);
            assertEquals(List.of("a", "b"), List.of(s1.initializer.value, s2.initializer.value));
            assertEquals(List.of("String", "String"), List.of(s1.type.text(), s2.type.text()));
            // javac shares the type tree between the declarators: one node, filled once, a child of both
            assertSame(s1.type, s2.type);
            assertEquals("String", s1.type.name);
            assertTrue(s1.children.contains(s1.type) && s2.children.contains(s2.type));
            Node loop = body.statements.get(2);
            assertEquals(List.of("i", "j"), loop.forInit.stream().map(v -> v.name).toList());
            assertEquals(List.of(0, 1), loop.forInit.stream().map(v -> v.initializer.value).toList());
            assertEquals(List.of(s.local(m, "i"), s.local(m, "j")), loop.forInit.stream().map(v -> v.local).toList());
        });
    }

    @Test
    void varConstructedTypeIsTheWrittenTypeOfAPlainNew() {
        body("""
                @Async Task<Integer> m() {
                  var full = new java.util.ArrayList<String>();
                  var simple = new StringBuilder("a");
                  var diamond = new ArrayList<Integer>(new ArrayList<>());
                  var inferred = new ArrayList<>();
                  var anon = new Object() { int f; };
                  var call = List.of(1);
                  var array = new int[2];
                  ArrayList<String> typed = new ArrayList<String>();
                  return Task.completed(full.size() + simple.length() + diamond.size() + inferred.size() + anon.f
                      + call.size() + array.length + typed.size());
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            model(s, "m");
            List<String> actual = new ArrayList<>();
            for (String name : List.of("full", "simple", "diamond", "inferred", "anon", "call", "array", "typed")) {
                actual.add(name + "=" + s.local(m, name).constructedType);
            }
            assertEquals(List.of("full=java.util.ArrayList<String>", "simple=StringBuilder", "diamond=ArrayList<Integer>",
                    "inferred=null", "anon=null", "call=null", "array=null", "typed=ArrayList<String>"), actual);
        });
    }

    @Test
    void positionsAreTheUsersTextAndLines() {
        body("""
                @Async Task<Integer> m(int n) {
                  int a = 0;
                  if (n > 0) {
                    a = n
                        + 1;
                  }
                  return Task.completed(a);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Node body = model(s, "m");
            Source src = s.cm().src;
            Node iff = body.statements.get(1);
            assertEquals("if (n > 0) {\n    a = n\n        + 1;\n  }", iff.text());
            assertEquals(5, iff.line, "the method is on line 3");
            assertEquals(8, iff.endLine);
            Node sum = iff.thenStatement.statements.get(0).expression.expression;
            assertEquals("n\n        + 1", sum.text());
            assertEquals(6, sum.line);
            assertEquals(7, sum.endLine);
            assertEquals(src.text.substring(src.text.indexOf("if (n"), src.text.indexOf("return") - 3), iff.text());
            // javac gives the empty modifiers of a declaration no position: the model keeps javac's printing
            Node modifiers = body.statements.get(0).children.get(0);
            assertEquals(Node.Kind.OTHER, modifiers.kind);
            assertEquals(-1, modifiers.start);
            assertEquals(-1, modifiers.end);
            assertEquals(0, modifiers.line);
            assertFalse(modifiers.hasPosition());
            String printed = ((com.sun.source.tree.VariableTree) m.tree.getBody().getStatements().get(0)).getModifiers().toString();
            assertEquals(printed, modifiers.text());
            assertEquals(printed, modifiers.printed);
            assertNull(body.statements.get(0).printed, "a node with a position keeps no printing");
        });
    }
}

package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Resolver: every identifier of a body that names a parameter or local, by Java's scoping,
 * without attribution; the kind of each local; the locals each lambda or local/anonymous class
 * captures (per outermost such tree); declarations by tree; reassignments; free identifiers.
 */
class ResolverTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.function.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;";

    private static void body(String members, java.util.function.Consumer<StageFixture.Stage> test) {
        StageFixture.run(StageFixture.source("p.R", HEADER, "class R {", members, "}"), "p.R", test);
    }

    private static String kinds(List<Local> locals) {
        StringBuilder sb = new StringBuilder();
        locals.forEach(l -> sb.append(sb.length() == 0 ? "" : " ").append(l.name).append(':').append(l.kind));
        return sb.toString();
    }

    @Test
    void everyKindOfLocalInDeclarationOrder() {
        body("""
                int field;
                @Async Task<Integer> m(int n, Object o) throws Exception {
                  int a = n;
                  for (String each : List.of("x")) { a++; }
                  for (int i = 0; i < 2; i++) { a += i; }
                  try (var res = new java.io.StringReader("r")) { a += res.read(); }
                  catch (java.io.IOException ex) { a = -1; }
                  if (o instanceof String str) { a += str.length(); }
                  return Task.completed(a + field);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals("n:PARAMETER o:PARAMETER a:LOCAL each:FOR_EACH i:LOCAL res:RESOURCE ex:CATCH str:BINDING",
                    kinds(m.resolver.locals));
            for (int i = 0; i < m.resolver.locals.size(); i++) {
                assertEquals(i, m.resolver.locals.get(i).index, "a local's index is its position");
            }
            // declarations by tree: each VariableTree maps to its own Local
            Local a = s.local(m, "a");
            assertSame(a, m.resolver.declarations.get(StageFixture.variable(m.tree, "a")));
            assertSame(a.decl, StageFixture.variable(m.tree, "a"));
            assertFalse(a.isVar(), "int a has a type tree");
            assertTrue(s.local(m, "res").isVar());
            // every use of a resolves to a, and a is reassigned; n is only read
            List<IdentifierTree> uses = StageFixture.identifiers(m.tree.getBody(), "a");
            assertEquals(6, uses.size());
            uses.forEach(u -> assertSame(a, m.resolver.refs.get(u), u::toString));
            assertTrue(m.resolver.reassigned.contains(a));
            assertFalse(m.resolver.reassigned.contains(s.local(m, "n")));
            assertTrue(m.resolver.reassigned.contains(s.local(m, "i")));
            // field is not a local: a free identifier (the validator checks those)
            IdentifierTree field = StageFixture.identifiers(m.tree.getBody(), "field").get(0);
            assertNull(m.resolver.refs.get(field));
            assertTrue(m.resolver.freeIdentifiers.stream().anyMatch(p -> p.getLeaf() == field));
            assertTrue(m.resolver.names.containsAll(Set.of("a", "each", "field", "length", "completed")),
                    m.resolver.names::toString);
        });
    }

    @Test
    void siblingScopesHoldDistinctLocalsOfOneName() {
        body("""
                int a;
                @Async Task<Integer> m() {
                  int sum = 0;
                  { int a = 1; sum += a; }
                  { int a = 2; sum += a; }
                  switch (sum) { case 3 -> { int a = 3; sum += a; } default -> { } }
                  sum += a;
                  return Task.completed(sum);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            List<Local> as = s.locals(m, "a");
            assertEquals(3, as.size());
            List<IdentifierTree> uses = StageFixture.identifiers(m.tree.getBody(), "a");
            assertEquals(4, uses.size());
            assertSame(as.get(0), m.resolver.refs.get(uses.get(0)));
            assertSame(as.get(1), m.resolver.refs.get(uses.get(1)));
            assertSame(as.get(2), m.resolver.refs.get(uses.get(2)));
            assertNull(m.resolver.refs.get(uses.get(3)), "after the blocks, a is the field again");
        });
    }

    @Test
    void classicSwitchIsOneScopeAcrossItsCases() {
        body("""
                @Async Task<Integer> m(int k) {
                  switch (k) {
                    case 1:
                      int x = 1;
                      break;
                    default:
                      x = 2;
                      k += x;
                  }
                  return Task.completed(k);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Local x = s.local(m, "x");
            List<IdentifierTree> uses = StageFixture.identifiers(m.tree.getBody(), "x");
            assertEquals(2, uses.size());
            uses.forEach(u -> assertSame(x, m.resolver.refs.get(u)));
            assertTrue(m.resolver.reassigned.contains(x));
        });
    }

    @Test
    void capturesPerOutermostLambdaOrClassAndShadowingInsideThem() {
        body("""
                @Async Task<Integer> m(int n) {
                  int a = 1, b = 2, c = 3, d = 4;
                  Supplier<Integer> s1 = () -> a + n;
                  Function<Integer, Integer> s2 = b2 -> { Supplier<Integer> in = () -> b + b2; return in.get(); };
                  Runnable r = new Runnable() {
                    int d = 40;
                    public void run() { int a = 10; System.out.println(a + c + d); }
                  };
                  class Local { int get() { return d; } }
                  return Task.completed(s1.get() + s2.apply(1) + new Local().get());
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Local n = s.local(m, "n");
            Local a = s.local(m, "a");
            Local b = s.local(m, "b");
            Local c = s.local(m, "c");
            Local d = s.local(m, "d");
            List<LambdaExpressionTree> lambdas = StageFixture.lambdas(m.tree.getBody());
            assertEquals(3, lambdas.size());
            assertEquals(List.of(a, n), List.copyOf(m.resolver.captures.get(lambdas.get(0))));
            // the inner lambda's capture is recorded on the outermost one; its parameter b2 is not a method local
            assertEquals(List.of(b), List.copyOf(m.resolver.captures.get(lambdas.get(1))));
            assertFalse(m.resolver.captures.containsKey(lambdas.get(2)));
            List<ClassTree> classes = StageFixture.find(m.tree.getBody(), ClassTree.class, t -> true);
            assertEquals(2, classes.size());
            // the anonymous class's own field d and run's local a shadow the method's: only c is captured
            assertEquals(List.of(c), List.copyOf(m.resolver.captures.get(classes.get(0))));
            assertEquals(List.of(d), List.copyOf(m.resolver.captures.get(classes.get(1))));
            // references inside opaque trees are captures, not refs: the text is copied unchanged
            for (IdentifierTree id : StageFixture.identifiers(lambdas.get(0), "a")) {
                assertNull(m.resolver.refs.get(id));
            }
            // locals declared inside opaque trees are not the method's
            assertEquals(List.of("n", "a", "b", "c", "d", "s1", "s2", "r"), m.resolver.locals.stream().map(l -> l.name).toList());
        });
    }

    @Test
    void anAsyncLambdaResolvedAsABodyOfItsOwn() {
        body("""
                @Async Task<Integer> m(int n) {
                  int k = 2;
                  BiFunction<Integer, String, Task<Integer>> f = (x, y) -> {
                    int z = Await.on(Task.completed(x + k));
                    return Task.completed(z + y.length() + n);
                  };
                  return f.apply(1, "s");
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            LambdaExpressionTree lambda = StageFixture.lambdas(m.tree.getBody()).get(0);
            assertEquals(List.of(s.local(m, "k"), s.local(m, "n")), List.copyOf(m.resolver.captures.get(lambda)));
            // the same resolution Bodies runs for the lambda's machine: its parameters, then its captures
            com.sun.source.util.TreePath path = com.sun.source.util.TreePath.getPath(m.path, lambda);
            Resolver r = new Resolver();
            r.hasPosition = s.cm().src::hasPosition;
            r.resolveLambda(path, List.copyOf(m.resolver.captures.get(lambda)));
            assertEquals("x:PARAMETER y:PARAMETER k:PARAMETER n:PARAMETER z:LOCAL", kinds(r.locals));
            Function<String, Local> named = name -> r.locals.stream().filter(l -> l.name.equals(name)).findFirst().orElseThrow();
            assertNull(named.apply("x").typeTree, "an implicitly typed lambda parameter has no written type");
            // inside the lambda, k is the lambda's own parameter now
            for (IdentifierTree id : StageFixture.identifiers(lambda.getBody(), "k")) {
                assertSame(named.apply("k"), r.refs.get(id));
            }
            Tree zUse = StageFixture.identifiers(lambda.getBody(), "z").get(0);
            assertSame(named.apply("z"), r.refs.get((IdentifierTree) zUse));
        });
    }

    @Test
    void aPatternBindingIsInScopeWhereJavaFlowsIt() {
        body("""
                @Async Task<Integer> m(Object o) {
                  if (!(o instanceof String s)) {
                    return Task.completed(0);
                  }
                  int n = s.length();
                  if (o instanceof CharSequence cs && cs.length() > n) { n = cs.length(); }
                  return Task.completed(n);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            Local binding = s.local(m, "s");
            assertEquals(Local.Kind.BINDING, binding.kind);
            assertEquals("String", binding.typeText);
            // after an if whose then-branch cannot complete, the binding is in scope (JLS 6.3.2)
            IdentifierTree use = StageFixture.identifiers(m.tree.getBody(), "s").get(0);
            assertSame(binding, m.resolver.refs.get(use));
            Local cs = s.local(m, "cs");
            List<IdentifierTree> csUses = StageFixture.identifiers(m.tree.getBody(), "cs");
            assertEquals(2, csUses.size());
            csUses.forEach(u -> assertSame(cs, m.resolver.refs.get(u)));
        });
    }
}

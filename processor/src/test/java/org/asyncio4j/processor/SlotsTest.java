package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Slots: after lowering, which locals become fields of the machine (parameters; locals used in more
 * than one block, i.e. across an await; locals a witness restates; pattern bindings read by another
 * statement; one of two same-named locals one block would declare twice), each field's name, and
 * each local's declarable type.
 */
class SlotsTest {
    private static final String HEADER = "package p; import java.util.*; import java.util.function.*;"
            + " import org.asyncio4j.*; import org.asyncio4j.annotations.Async;"; // line 1

    /** Lowers and places method {@code m} of the members given. */
    private static void placed(String members, Consumer<StageFixture.Stage> test) {
        StageFixture.run(StageFixture.source("p.S", HEADER, "class S {", members, "}"), "p.S", s -> {
            ClassModel.MethodModel m = s.method("m");
            Cfg cfg = s.lower(m);
            Slots.decide(cfg, m.resolver.locals, s.typer());
            test.accept(s);
        });
    }

    /** "name:field:type" of a hoisted local, "name:local:type" of one left a Java local. */
    private static String slot(StageFixture.Stage s, Local l) {
        return l.name + ":" + (l.hoisted ? "field " + l.fieldName : "local") + ":" + l.typeText;
    }

    private static List<String> slots(StageFixture.Stage s) {
        List<String> out = new ArrayList<>();
        s.method("m").resolver.locals.forEach(l -> out.add(slot(s, l)));
        return out;
    }

    @Test
    void parametersAndLocalsLivingAcrossAnAwaitBecomeFields() {
        placed("""
                @Async Task<Integer> m(Task<Integer> t, boolean unused) {
                  int before = 1;
                  int across = before + 1;
                  int after = Await.on(t);
                  var inferred = Map.of("k", after);
                  var written = new ArrayList<String>();
                  var fromLiteral = 3L;
                  Await.on(t);
                  return Task.completed(across + after + inferred.size() + written.size() + (int) fromLiteral);
                }
                """, s -> {
            assertEquals(List.of(
                    "t:field t:Task<Integer>",
                    "unused:field unused:boolean", // a parameter is a field even when unused: the constructor sets it
                    "before:local:int",
                    "across:field across:int",
                    "after:field after:int",
                    "inferred:field inferred:java.util.Map<java.lang.String, java.lang.Integer>", // the Typer's answer
                    "written:field written:ArrayList<String>", // new T<A>(): written in the source, no Typer
                    "fromLiteral:field fromLiteral:long"), slots(s));
            ClassModel.MethodModel m = s.method("m");
            assertTrue(s.local(m, "before").primitive);
            assertTrue(s.local(m, "fromLiteral").primitive);
            assertFalse(s.local(m, "inferred").primitive);
            assertEquals(1, s.local(m, "before").blocks.cardinality());
            assertEquals(2, s.local(m, "across").blocks.cardinality());
        });
    }

    @Test
    void aVarLocalThatStaysLocalKeepsVarAndIsNeverTyped() {
        placed("""
                @Async Task<Integer> m(Task<Integer> t) {
                  var x = new Object() { int v = 2; };
                  int y = x.v;
                  return Task.completed(Await.on(t) + y);
                }
                """, s -> {
            // the anonymous class cannot be named, but it need not be: x lives in one block
            assertEquals(List.of("t:field t:Task<Integer>", "x:local:var", "y:field y:int"), slots(s));
        });
    }

    @Test
    void fieldNamesAvoidTheMachinesOwnAndEachOther() {
        placed("""
                @Async Task<Integer> m(Task<Integer> t) {
                  int state = 1, self = 2, LINES = 3;
                  int sum = 0;
                  { int k = Await.on(t); sum += k + state + self + LINES; }
                  { int k = Await.on(t); sum += k; Await.on(t); sum += k; }
                  return Task.completed(sum);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals("state$2", s.local(m, "state").fieldName);
            assertEquals("self$2", s.local(m, "self").fieldName);
            assertEquals("LINES$2", s.local(m, "LINES").fieldName);
            List<Local> ks = s.locals(m, "k");
            assertFalse(ks.get(0).hoisted, "the first k lives in one block");
            assertTrue(ks.get(1).hoisted);
            assertEquals("k", ks.get(1).fieldName);
            Set<String> names = new HashSet<>();
            for (Local l : m.resolver.locals) {
                if (l.hoisted) {
                    assertTrue(names.add(l.fieldName), () -> "two fields named " + l.fieldName);
                }
            }
        });
    }

    @Test
    void sameNamedLocalsDeclaredInOneBlockAreSeparated() {
        placed("""
                @Async Task<Integer> m(Task<Integer> t) {
                  int sum = 0;
                  { int x = Await.on(t); sum += x; }
                  { int x = 2; sum += x; sum += Await.on(t); }
                  { int x = 3; sum += x; }
                  return Task.completed(sum);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            List<Local> xs = s.locals(m, "x");
            assertEquals(3, xs.size());
            // the first two are both declared by the writer in the block after the first await: one
            // stays a Java local, the other becomes a field, or javac would see 'int x' twice
            assertTrue(xs.get(0).blocks.intersects(xs.get(1).blocks), "the case needs both in one block");
            assertFalse(xs.get(0).hoisted);
            assertTrue(xs.get(1).hoisted);
            assertEquals("x", xs.get(1).fieldName);
            // the third is declared inside copied text { int x = 3; ... }: it keeps its declaration there
            assertFalse(xs.get(2).hoisted);
            for (Local a : xs) {
                for (Local b : xs) {
                    if (a != b && !a.hoisted && !b.hoisted) {
                        assertFalse(a.blocks.intersects(b.blocks), a + " and " + b + " are both Java locals of one block");
                    }
                }
            }
        });
    }

    @Test
    void aLocalDeclaredInCopiedTextStaysLocalWhenItsLoweredNamesakeShareItsBlock() {
        placed("""
                @Async Task<Integer> m(Task<Integer> t) {
                  int sum = 0;
                  { int x = Await.on(t); sum += x; }
                  { int x = 2; sum += x; }
                  return Task.completed(sum);
                }
                """, s -> {
            List<Local> xs = s.locals(s.method("m"), "x");
            assertTrue(xs.get(0).blocks.intersects(xs.get(1).blocks));
            assertTrue(xs.get(0).hoisted, "the writer's declaration gives way: a field");
            assertFalse(xs.get(1).hoisted, "the copied declaration cannot be renamed");
        });
    }

    @Test
    void witnessesAndPatternBindingsForceFields() {
        placed("""
                <T> T helper(T v, T w) { return v; }
                @Async Task<Integer> m(Task<Integer> t, Object o) {
                  int x = 1;
                  int r = helper(x, -x) + Await.on(t);
                  int n = 0;
                  if (o instanceof String str && Await.on(t) > 0) { n = str.length(); }
                  if (o instanceof Integer i) { n += i; }
                  return Task.completed(r + n);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            // helper(x, -x) (generic, an argument of uncertain type: its type is javac's inference) is spilled before the await and restated
            // in a witness for its type: x must still hold its value there
            Local x = s.local(m, "x");
            assertTrue(x.forceHoist);
            assertTrue(x.hoisted);
            // str is bound by one statement and read by another (the && was split at its await)
            assertTrue(s.local(m, "str").forceHoist);
            assertEquals("str:field str:String", slot(s, s.local(m, "str")));
            // i is bound and read within one copied statement
            Local i = s.local(m, "i");
            assertFalse(i.forceHoist);
            assertFalse(i.hoisted);
            assertEquals("Integer", i.typeText);
        });
    }

    @Test
    void multiCatchParametersAreTypedEvenWhenLocal() {
        placed("""
                @Async Task<Integer> m(Task<Integer> t) {
                  int n = 0;
                  try { n = Await.on(t); } catch (IllegalStateException | IllegalArgumentException e) { n = e.hashCode(); }
                  try { n += Await.on(t); } catch (IllegalStateException | UnsupportedOperationException f) {
                    Await.on(t);
                    n += f.hashCode();
                  }
                  return Task.completed(n);
                }
                """, s -> {
            ClassModel.MethodModel m = s.method("m");
            assertEquals("e:local:java.lang.RuntimeException", slot(s, s.local(m, "e"))); // its cast needs the type
            assertEquals("f:field f:java.lang.RuntimeException", slot(s, s.local(m, "f")));
            assertNull(s.local(m, "e").fieldName);
        });
    }
}

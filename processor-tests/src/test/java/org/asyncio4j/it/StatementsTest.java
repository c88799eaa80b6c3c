package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.concurrent.atomic.AtomicReference;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Statements around awaits, each with done and pending (timer, promise) tasks. */
class StatementsTest {

    private static <T> Run.Timed<T> run(java.util.function.Supplier<Task<T>> main) {
        return Run.timed(main);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void blocksAndSeveralDeclarators(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        var r = run(s::blocksAndLocals);
        assertEquals("x10110:6", r.value());
        assertEquals(mode.after(5), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void ifElseChains(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        assertEquals("big", Run.virtual(() -> s.ifElse(6)));
        assertEquals("mid", Run.virtual(() -> s.ifElse(3)));
        assertEquals("small", Run.virtual(() -> s.ifElse(1)));
        var r = run(() -> s.ifElse(0));
        assertEquals("small!", r.value());
        assertEquals(mode.after(2), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void whileWithAwaitInConditionAndBody(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        var r = run(() -> s.whileLoop(4));
        assertEquals(0 + 1 + 2 + 3, r.value());
        assertEquals(mode.after(5 + 4), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void doWhileRunsBodyFirst(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        assertEquals(1, Run.virtual(() -> s.doWhile(0)));
        assertEquals(3, Run.virtual(() -> s.doWhile(3)));
        assertEquals(List.of("i=0", "i=0", "i=1", "i=2"), s.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void forWithInitAndUpdateLists(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        var r = run(s::forLoop);
        assertEquals("0/10 1/8 2/6 036 end 3,4", r.value());
        // condition 4 times, update 3 times, body of the second loop 3 times, the third loop once
        assertEquals(mode.after(4 + 3 + 3 + 1), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void enhancedForOverIterablesAndArrays(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        var r = run(() -> s.forEach(List.of("a", "b"), new int[] {1, 2, 3}, new String[] {"xy", "z"},
                new char[] {'a', 'b'}, new long[] {1L << 40, 1}, new double[] {0.5, 0.25}));
        assertEquals("ab621bc78|" + ((1L << 40) + 1) + "|0.75", r.value());
        assertEquals(mode.after(2 + 3 + 2 + 2 + 2 + 2 + 2), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void enhancedForWithEachKindOfIteratorField(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        var counts = new java.util.LinkedHashMap<String, Integer>();
        counts.put("a", 1);
        counts.put("b", 2);
        var r = run(() -> s.forEachIterators(counts, List.of(new StringBuilder("xyz"), "w"), new Numbers(s, 3)));
        assertEquals("a1b2ab31pqr56cd12|012012", r.value());
        // seven loops of two awaits; then 4 hasNext and a close, and 4 hasNext, 3 awaits and a close
        assertEquals(mode.after(7 * 2 + 5 + 8), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void labeledBreakAndContinue(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        assertEquals("0,2,10,12,20,in block,w3", Run.virtual(s::labeled));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void returnFromAnywhere(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        assertEquals("zero", Run.virtual(() -> s.returnAnywhere(0)));
        assertEquals("found 3", Run.virtual(() -> s.returnAnywhere(3)));
        assertEquals("seven via task", Run.virtual(() -> s.returnAnywhere(70)));
        assertEquals("hundred", Run.virtual(() -> s.returnAnywhere(100)));
        var r = run(() -> s.returnAnywhere(55));
        assertEquals("none", r.value());
        assertEquals(mode.after(10 + 1), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void throwStatements(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        assertEquals("s", Run.virtual(() -> s.throwing(0)));
        var e1 = assertThrows(IllegalArgumentException.class, () -> Run.virtual(() -> s.throwing(1)));
        assertEquals("s1", e1.getMessage());
        var e2 = assertThrows(UnsupportedOperationException.class, () -> Run.virtual(() -> s.throwing(2)));
        assertEquals("from await", e2.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void assertWithAwaitInConditionAndDetail(Src.Mode mode) {
        assertTrue(Statements.class.desiredAssertionStatus(), "the suite runs with -ea");
        AsyncStatements s = new AsyncStatements().in(mode);
        assertEquals(5, Run.virtual(() -> s.asserting(5)));
        var e = assertThrows(AssertionError.class, () -> Run.virtual(() -> s.asserting(-1)));
        assertEquals("x must be positive, was -1", e.getMessage());
        assertThrows(AssertionError.class, () -> Run.virtual(() -> s.asserting(100)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void bodiesWithoutAwaitOrValue(Src.Mode mode) {
        AsyncStatements s = new AsyncStatements().in(mode);
        AtomicReference<Task<Void>> t = new AtomicReference<>();
        Run.virtual(() -> {
            t.set(s.noAwaitAtAll());
            assertTrue(t.get().isDone(), "a body that never suspends returns a done task");
            return t.get();
        });
        assertSame(null, Run.virtual(s::voidEnd));
        assertEquals(List.of("ran", "done"), s.log);
    }
}

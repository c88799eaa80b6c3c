package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Awaits inside expressions: results, and operands evaluated once, left to right. */
class ExpressionsTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void awaitsInArgumentsKeepLeftToRightOrder(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        var r = Run.timed(x::arguments);
        assertEquals("[1, 2, 3, 4, 5]", r.value());
        assertEquals(List.of("a", "b", "c", "d", "e"), x.log);
        assertEquals(mode.after(2), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void awaitsInReceivers(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("3xyzsb:12", Run.virtual(x::receivers));
        assertEquals(List.of("recv", "target", "arg", "after"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void awaitsInArrayIndexesInitialisersAndDimensions(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("20,30,[1, 2, 3][7, 8]2399s1", Run.virtual(x::arrays));
        assertEquals(List.of("index", "array", "idx", "first", "second", "third", "dim2", "target", "value"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void awaitsInConstructorArguments(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("Pair[a=A, b=B]|init|[x, y]", Run.virtual(x::constructors));
        assertEquals(List.of("a", "b"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void stringConcatenationArithmeticAndComparisons(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("a1Bc23|11|" + ((1L << 40) + 2) + "|0.5|3.0|true|9|c", Run.virtual(x::stringsAndArithmetic));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void compoundAssignments(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("10s!" + (1L << 40) + ",15,7", Run.virtual(x::compoundAssignment));
        assertEquals(List.of("i", "aw", "h", "holder"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void compoundAssignmentToAFieldReadsItBeforeTheAwait(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        // Java: field = 100 + 1, whatever the awaited task did to field meanwhile
        assertEquals(101, Run.virtual(x::compoundOnFieldSavesTheOldValue));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void compoundAssignmentNarrows(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals((byte) 301 + ",15," + (short) 70001, Run.virtual(x::compoundNarrowing));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void leftOperandIsReadBeforeTheAwait(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals(101, Run.virtual(x::leftOperandSaved));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void incrementAndDecrementAroundAwaits(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        // arr = {0, 10, 20, 30}: arr[2]++ -> 21, --arr[3] -> 29, arr[0]++ + arr[0] -> 0 + 1
        assertEquals("1,4,2,21,29,1", Run.virtual(x::incrementsAroundAwaits));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void conditionalEvaluatesOnlyTheChosenBranch(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("T2str", Run.virtual(() -> x.conditional(true)));
        assertEquals(List.of("then", "then2"), x.log);
        x.log.clear();
        assertEquals("E17", Run.virtual(() -> x.conditional(false)));
        assertEquals(List.of("else", "else2"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void shortCircuitAwaitsOnlyWhenJavaEvaluates(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("true,true,true", Run.virtual(() -> x.shortCircuit(true)));
        assertEquals(List.of("and-right", "x", "if-right", "if taken"), x.log);
        x.log.clear();
        assertEquals("false,false,false", Run.virtual(() -> x.shortCircuit(false)));
        assertEquals(List.of("or-right", "y"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void castsAndInstanceofPatterns(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("3cast,string 3abc", Run.virtual(() -> x.castsAndInstanceof("abc")));
        assertEquals("3cast,int 42", Run.virtual(() -> x.castsAndInstanceof(41)));
        assertEquals("3cast,list", Run.virtual(() -> x.castsAndInstanceof(List.of())));
        assertEquals("3cast,other", Run.virtual(() -> x.castsAndInstanceof("")));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void patternBindingsUsedAfterTheAwaitingOperand(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("true,21,-", Run.virtual(() -> x.bindingsInValues(10, 5)));
        assertEquals("false,21,-", Run.virtual(() -> x.bindingsInValues(10, 20)));
        assertEquals("false,-1,abc!", Run.virtual(() -> x.bindingsInValues("abc", 0)));
        assertEquals("false,-1,-", Run.virtual(() -> x.bindingsInValues("", 0)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void nestedAwaits(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        var r = Run.timed(x::nested);
        assertEquals("6,4,inner!", r.value());
        // a: v + twice(v) = 2; b: v + 2 twice = 3; c: 3 awaits
        assertEquals(mode.after(2 + 3 + 3), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void lambdasCapturingLocalsBesideAwaits(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("111,2", Run.virtual(x::lambdasBesideAwaits));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void assignmentsOfAwaitedValues(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        assertEquals("V,[1],44,tu,var", Run.virtual(x::assignments));
        assertEquals(List.of("target", "h", "val"), x.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void awaitStatementsWhoseValueIsDropped(Src.Mode mode) {
        AsyncExpressions x = new AsyncExpressions().in(mode);
        var r = Run.timed(x::awaitAsStatementAndDiscarded);
        assertEquals(3, r.value());
        assertEquals(mode.after(2) + 1, r.ms());
    }
}

package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Constructs combined: jumps crossing finally blocks, switch expressions in arguments, var types. */
class CombosTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void breakOutOfASwitchRunsTheFinally(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("af", Run.virtual(() -> c.breakOutOfSwitchThroughFinally(1)));
        assertEquals("default", Run.virtual(() -> c.breakOutOfSwitchThroughFinally(2)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void labeledContinueRunsBothFinallyBlocks(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("00,ffF10,ffF20,ffF", Run.virtual(c::labeledContinueThroughNestedFinally));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void continueInDoWhileGoesToTheCondition(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("135", Run.virtual(c::doWhileContinue));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void varLocalsOfWildcardAndMapEntryTypes(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("3.5a1b2" + 2, Run.virtual(() -> c.varOverWildcardsAndMaps(List.of(1, 2.5),
                Map.of("b", List.of(1, 2), "a", List.of(3)))));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void switchExpressionAsAnArgument(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals(11, Run.virtual(() -> c.switchExpressionInArguments(1)));
        assertEquals(21, Run.virtual(() -> c.switchExpressionInArguments(2)));
        assertEquals(List.of("finally in switch expression"), c.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void conditionalAfterASpilledOperand(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("[1]/yes", Run.virtual(() -> c.conditionalAfterSpilledOperand(true)));
        assertEquals("[1]/no", Run.virtual(() -> c.conditionalAfterSpilledOperand(false)));
        assertEquals(List.of("a", "a"), c.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void lambdasAndAnonymousClassesCaptureHoistedLocals(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("pre-anon", Run.virtual(c::anonymousClassCapturingHoistedLocal));
        assertEquals(List.of("pre-lambda"), c.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void patternBindingInALoopCondition(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("AB@2", Run.virtual(() -> c.whileWithPatternAndAwait(List.of("a", "b", 3, "d"))));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void sameNamedLocalsOfSiblingBlocks(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("a1,a2,a3,s1,5", Run.virtual(c::sameNamedLocalsInSiblingBlocks));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void qualifiedTypeAsReceiverAndOperandsChangedByTheAwaitedExpression(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("[0, 0, 1]15", Run.virtual(c::qualifiedTypeReceiverAndReassignedOperand));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void returnThroughTwoFinallyBlocksWithAwaits(Src.Mode mode) {
        AsyncCombos c = new AsyncCombos().in(mode);
        assertEquals("inner", Run.virtual(c::finallyReturnOverridesInnerFinally));
        assertEquals(List.of("inner finally 1", "outer finally 2"), c.log);
    }
}

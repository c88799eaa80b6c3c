package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SwitchesTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void classicSwitchWithFallThrough(Src.Mode mode) {
        AsyncSwitches s = new AsyncSwitches().in(mode);
        assertEquals("onetwo-or-three", Run.virtual(() -> s.classic(1)));
        assertEquals("two-or-three", Run.virtual(() -> s.classic(3)));
        assertEquals("four", Run.virtual(() -> s.classic(4)));
        var r = Run.timed(() -> s.classic(9));
        assertEquals("default9", r.value());
        assertEquals(mode.after(2), r.ms());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void arrowSwitchStatement(Src.Mode mode) {
        AsyncSwitches s = new AsyncSwitches().in(mode);
        assertEquals("A", Run.virtual(() -> s.arrow("a")));
        assertEquals("B or C", Run.virtual(() -> s.arrow("c")));
        assertEquals("other", Run.virtual(() -> s.arrow("zz")));
        var e = assertThrows(IllegalStateException.class, () -> Run.virtual(() -> s.arrow("t")));
        assertEquals("thrown", e.getMessage());
        assertEquals(List.of("block"), s.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void enumSwitchWithReturns(Src.Mode mode) {
        AsyncSwitches s = new AsyncSwitches().in(mode);
        assertEquals("red", Run.virtual(() -> s.onEnum(Switches.Color.RED)));
        assertEquals("green 1", Run.virtual(() -> s.onEnum(Switches.Color.GREEN)));
        assertEquals("other", Run.virtual(() -> s.onEnum(Switches.Color.BLUE)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void switchExpressionsWithYield(Src.Mode mode) {
        AsyncSwitches s = new AsyncSwitches().in(mode);
        assertEquals(10 + 101, Run.virtual(() -> s.expressions(1)));   // GREEN
        assertEquals(21 + 102, Run.virtual(() -> s.expressions(2)));   // BLUE
        assertEquals(3 + 100, Run.virtual(() -> s.expressions(3)));    // RED
        assertEquals(List.of("x", "two", "y", "y"), s.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void localsDeclaredInsideRestatedSwitchExpressions(Src.Mode mode) {
        AsyncSwitches s = new AsyncSwitches().in(mode);
        assertEquals("one:1", Run.virtual(() -> s.declaredInside("abc", 1)));
        assertEquals(List.of("caught boom", "caught bad"), s.log);
        assertEquals("two20:3", Run.virtual(() -> s.declaredInside("abc", 2)));
        assertEquals("abc:3", Run.virtual(() -> s.declaredInside("abc", 3)));
        assertEquals("none:0", Run.virtual(() -> s.declaredInside(5, 3)));
        assertEquals(List.of("caught boom", "caught bad"), s.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void breakAndContinueThroughSwitch(Src.Mode mode) {
        AsyncSwitches s = new AsyncSwitches().in(mode);
        assertEquals("0;2;", Run.virtual(s::switchInLoop));
    }
}

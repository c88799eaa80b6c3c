package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TriesTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void multiCatchGetsTheSameObject(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        IllegalArgumentException arg = new IllegalArgumentException("arg");
        assertEquals("multi", Run.virtual(() -> t.catchIdentity(arg)));
        assertSame(arg, t.caught);
        IOException io = new IOException("io!");
        assertEquals("io", Run.virtual(() -> t.catchIdentity(io)));
        assertSame(io, t.caught);
        assertEquals(List.of("before", "multi arg", "before", "io io!"), t.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void rethrowKeepsIdentity(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        UnsupportedOperationException u = new UnsupportedOperationException("u");
        assertSame(u, assertThrows(UnsupportedOperationException.class, () -> Run.virtual(() -> t.catchIdentity(u))));
        assertSame(u, t.caught);
        Exception checked = new Exception("checked");
        IllegalStateException w = assertThrows(IllegalStateException.class, () -> Run.virtual(() -> t.catchIdentity(checked)));
        assertSame(checked, w.getCause());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void checkedExceptionThroughAwaitOnWithClass(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        assertEquals("file", Run.virtual(() -> t.checked(false)));
        assertEquals("missing nope", Run.virtual(() -> t.checked(true)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void finallyBlocksRunInOrder(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        var r = Run.timed(() -> t.finallyOrder(false));
        assertEquals("end", r.value());
        assertEquals(mode.after(3), r.ms());
        assertEquals(List.of("outer try", "inner try", "inner end", "inner finally 2", "after inner", "outer finally",
                "outer finally end"), t.log);
        t.log.clear();
        r = Run.timed(() -> t.finallyOrder(true));
        assertEquals(mode.after(4), r.ms());
        assertEquals(List.of("outer try", "inner try", "inner finally 2", "catch inner", "outer finally",
                "outer finally end"), t.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void returnOutOfTryKeepsTheValue(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        assertEquals(1, Run.virtual(t::returnOutOfTry));
        assertEquals(List.of("finally x=2 awaited"), t.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void returnOutOfFinallyWinsOverValueAndException(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        assertEquals("from finally", Run.virtual(() -> t.returnOutOfFinally(false)));
        assertEquals("from finally", Run.virtual(() -> t.returnOutOfFinally(true)));
        assertEquals(List.of("finally", "finally"), t.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void breakAndContinueOutOfTryAndFinally(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        assertEquals("f0F1f1|F2f2Ff3F;2", Run.virtual(t::jumpsOutOfTryAndFinally));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void exceptionInFinallyReplacesThePendingOne(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        var e = assertThrows(UnsupportedOperationException.class, () -> Run.virtual(t::exceptionInFinallyReplaces));
        assertEquals("second", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void tryStatementsNestedInCatchAndFinally(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        assertEquals("abcd", Run.virtual(t::nestedInCatchAndFinally));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void onlyAMatchingCatchRuns(Src.Mode mode) {
        AsyncTries t = new AsyncTries().in(mode);
        assertEquals("outer caught arg", Run.virtual(t::catchOnlyWhatMatches));
    }
}

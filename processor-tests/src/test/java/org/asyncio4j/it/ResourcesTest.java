package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** S11: async context managers, and plain resources, in try-with-resources. */
class ResourcesTest {

    @Test
    void s11OrderWhenEnterAndExitSuspend() {
        AsyncResources r = new AsyncResources().in(Src.Mode.SLEEP);
        assertEquals("ok", Run.virtual(() -> r.twoManagers(null)));
        assertEquals(List.of("enter A t=0", "enter B t=10", "body AB t=20", "exit B exc=None t=30",
                "exit A exc=None t=40", "after t=50"), r.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void s11BodyFailureReachesBothExitsAndPropagates(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        NoSuchElementException keyError = new NoSuchElementException("key");
        assertSame(keyError, assertThrows(NoSuchElementException.class, () -> Run.virtual(() -> r.twoManagers(keyError))));
        long s = Src.STEP_MS * (mode == Src.Mode.DONE ? 0 : 1);
        assertEquals(List.of("enter A t=0", "enter B t=" + s, "body AB t=" + 2 * s,
                "exit B exc=NoSuchElementException t=" + 3 * s, "exit A exc=NoSuchElementException t=" + 4 * s), r.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void failingExitReplacesThePendingException(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        r.failExitOf = "B";
        r.exitFailure = new IllegalArgumentException("exit B failed");
        RuntimeException body = new UnsupportedOperationException("body");
        var e = assertThrows(IllegalArgumentException.class, () -> Run.virtual(() -> r.twoManagers(body)));
        assertSame(r.exitFailure, e);
        assertEquals("exit A exc=IllegalArgumentException", r.log.get(4).replaceAll(" t=\\d+", ""));
        // without a body failure, too
        r.log.clear();
        assertSame(r.exitFailure, assertThrows(IllegalArgumentException.class, () -> Run.virtual(() -> r.twoManagers(null))));
        assertEquals("exit A exc=IllegalArgumentException", r.log.get(4).replaceAll(" t=\\d+", ""));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void mixedResourcesCloseInReverseOrder(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        assertEquals("ok", Run.virtual(() -> r.mixed(null, null)));
        long s = mode == Src.Mode.DONE ? 0 : Src.STEP_MS;
        assertEquals(List.of("enter A t=0", "enter B t=" + s, "body", "exit B exc=None t=" + 2 * s, "close P",
                "exit A exc=None t=" + 3 * s, "finally"), r.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void plainCloseFailureIsSuppressedByTheBodyFailure(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        IllegalStateException body = new IllegalStateException("body");
        IllegalArgumentException close = new IllegalArgumentException("close");
        assertEquals("caught", Run.virtual(() -> r.mixed(body, close)));
        assertEquals(List.of(close), List.of(body.getSuppressed()));
        assertEquals("caught body suppressed=1", r.log.get(r.log.size() - 2));
        assertEquals("exit A exc=IllegalStateException", r.log.get(r.log.size() - 3).replaceAll(" t=\\d+", ""));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void plainCloseFailureAloneBecomesTheFailure(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        IllegalStateException close = new IllegalStateException("close");
        assertEquals("caught", Run.virtual(() -> r.mixed(null, close)));
        assertEquals("caught close suppressed=0", r.log.get(r.log.size() - 2));
        assertEquals("exit A exc=IllegalStateException", r.log.get(r.log.size() - 3).replaceAll(" t=\\d+", ""));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void continueAndReturnCloseTheResources(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        assertEquals("returned 2", Run.virtual(r::existingVariableAndReturn));
        List<String> events = r.log.stream().map(x -> x.replaceAll(" t=\\d+", "")).toList();
        assertEquals(List.of("enter L0", "loop body 0", "exit L0 exc=None", "enter L1", "exit L1 exc=None", "enter L2",
                "exit L2 exc=None", "exit X exc=None"), events);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void plainResourcesOnly(Src.Mode mode) {
        AsyncResources r = new AsyncResources().in(mode);
        assertEquals("ok", Run.virtual(r::plainOnly));
        assertEquals(List.of("body 1", "close b", "close a"), r.log);
    }
}

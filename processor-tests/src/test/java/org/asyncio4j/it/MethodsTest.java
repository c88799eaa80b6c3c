package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MethodsTest {

    @Test
    void staticMethodsAndStaticCallsBetweenThem() {
        var r = Run.timed(() -> AsyncMethods.staticCaller(1));
        assertEquals(8, r.value());
        assertEquals(30, r.ms());
    }

    @Test
    void blueprintAwaitThrowsAHelpfulError() {
        var e = assertThrows(IllegalStateException.class, () -> Run.virtual(() -> Methods.staticTwice(1)));
        assertEquals(true, e.getMessage().contains("AsyncFoo"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void genericMethodsOfGenericClasses(Src.Mode mode) {
        AsyncMethods<String> m = new AsyncMethods<String>(List.of("b", "c", "a")).in(mode);
        assertEquals(List.of(1, 1, 1), Run.virtual(() -> m.<Integer>mapAll(String::length)));
        assertEquals("c", Run.virtual(m::max));
        assertEquals("a", Run.virtual(() -> AsyncMethods.firstOf("b", "a")));
        assertEquals(3, Run.virtual(() -> AsyncMethods.firstOf(3, 4)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void varargs(Src.Mode mode) {
        AsyncMethods<String> m = new AsyncMethods<String>().in(mode);
        assertEquals("#0 1-two-3.0#3 x+y#2", Run.virtual(m::callsVarargs));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void recursionAndInstanceCalls(Src.Mode mode) {
        AsyncMethods<Integer> m = new AsyncMethods<>(List.of(4, 9, 2)).in(mode);
        assertEquals(3628800L, Run.virtual(() -> m.factorial(10)));
        assertEquals("9,120", Run.virtual(m::instanceCaller));
    }

    @Test
    void deepRecursionDoesNotOverflowTheStack() {
        assertEquals(20_000, Run.virtual(() -> AsyncMethods.depth(20_000)));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void checkedExceptionsThroughAwait(Src.Mode mode) {
        AsyncMethods<String> m = new AsyncMethods<String>().in(mode);
        assertEquals("content", Run.virtual(() -> m.checkedThroughAwait(false)));
        assertEquals("io: disk", Run.virtual(() -> m.checkedThroughAwait(true)));
        // Asyncio.run rethrows the checked exception unchanged (sneakily), like the await does
        Throwable t = assertThrows(Throwable.class, () -> Run.virtual(() -> {
            try {
                return m.declaresChecked();
            } catch (IOException e) {
                throw new UncheckedIOException("a task-returning call does not throw", e);
            }
        }));
        assertEquals(IOException.class, t.getClass());
        assertEquals("disk", t.getMessage());
    }

    @Test
    void staticNestedClass() {
        var n = new AsyncMethods_Nested("nested");
        assertEquals("hello nested", Run.virtual(n::hello));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void overrideInASubclassBlueprint(Src.Mode mode) {
        AsyncSubMethods s = new AsyncSubMethods().in(mode);
        assertEquals("sub(base 1)", Run.virtual(s::greet));
        assertEquals("b", Run.virtual(s::max));
    }
}

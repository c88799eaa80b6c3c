package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PEP 654's subgroup/split and except*, each case as {@code docs/asyncio-probes/exceptiongroups.py}
 * prints it under CPython 3.13 (ValueError → IllegalArgumentException, TypeError → IllegalStateException,
 * KeyError → IOException).
 */
class ExceptionGroupTest {
    static final IllegalArgumentException V1 = new IllegalArgumentException("v1");
    static final IllegalArgumentException V2 = new IllegalArgumentException("v2");
    static final IllegalStateException T1 = new IllegalStateException("t1");
    static final IllegalStateException T2 = new IllegalStateException("t2");

    static ExceptionGroup eg() {
        return new ExceptionGroup("outer", List.of(V1, T1, new ExceptionGroup("inner", List.of(V2, T2))));
    }

    /** The probe's show(): the shape of a group with Python's names. */
    static String show(Throwable g) {
        if (g == null) {
            return "None";
        }
        if (g instanceof ExceptionGroup e) {
            List<String> parts = new ArrayList<>();
            for (Throwable x : e.exceptions()) {
                parts.add(show(x));
            }
            return "ExceptionGroup('" + e.message() + "', [" + String.join(", ", parts) + "])";
        }
        String py = g instanceof IllegalArgumentException ? "ValueError" : g instanceof IllegalStateException ? "TypeError" : g.getClass().getSimpleName();
        return py + "('" + g.getMessage() + "')";
    }

    @Test
    void subgroupKeepsTheNestingAndIsNullWhenNothingMatches() {
        ExceptionGroup eg = eg();
        assertEquals("ExceptionGroup('outer', [ValueError('v1'), ExceptionGroup('inner', [ValueError('v2')])])",
                show(eg.subgroup(IllegalArgumentException.class::isInstance)));
        assertNull(eg.subgroup(IOException.class::isInstance));
        assertSame(eg, eg.subgroup(e -> true));
        assertEquals("ExceptionGroup('outer', [ExceptionGroup('inner', [ValueError('v2'), TypeError('t2')])])",
                show(eg.subgroup(e -> e instanceof ExceptionGroup g && g.message().equals("inner"))));
        ExceptionGroup sub = eg.subgroup(IllegalArgumentException.class::isInstance);
        assertEquals("outer (2 sub-exceptions)", sub.getMessage());
        assertEquals(List.of(eg.getStackTrace()), List.of(sub.getStackTrace()), "raised where the original was");
    }

    @Test
    void splitGivesBothPartsEachNullWhenEmpty() {
        ExceptionGroup eg = eg();
        ExceptionGroup.Split s = eg.split(IllegalArgumentException.class);
        assertEquals("ExceptionGroup('outer', [ValueError('v1'), ExceptionGroup('inner', [ValueError('v2')])])", show(s.matching()));
        assertEquals("ExceptionGroup('outer', [TypeError('t1'), ExceptionGroup('inner', [TypeError('t2')])])", show(s.rest()));
        ExceptionGroup.Split all = eg.split(Exception.class);
        assertSame(eg, all.matching());
        assertNull(all.rest());
        ExceptionGroup.Split none = eg.split(IOException.class);
        assertNull(none.matching());
        assertEquals(show(eg), show(none.rest()));
        assertNull(new ExceptionGroup("only", List.of(T1)).split(IllegalStateException.class).rest());
    }

    static List<String> run(Throwable exc) {
        List<String> log = new ArrayList<>();
        try {
            ExceptionGroup.handling(exc)
                    .except(IllegalArgumentException.class, g -> log.add("handled " + show(g)))
                    .rethrow();
        } catch (Throwable rest) {
            log.add("rest " + show(rest));
        }
        return log;
    }

    @Test
    void exceptStarHandlesTheMatchingPartAndRethrowsTheRest() {
        assertEquals(List.of("handled ExceptionGroup('outer', [ValueError('v1'), ExceptionGroup('inner', [ValueError('v2')])])",
                "rest ExceptionGroup('outer', [TypeError('t1'), ExceptionGroup('inner', [TypeError('t2')])])"), run(eg()));
        assertEquals(List.of("handled ExceptionGroup('', [ValueError('x')])"), run(new IllegalArgumentException("x")));
        assertEquals(List.of("rest TypeError('y')"), run(new IllegalStateException("y")));
        assertEquals(List.of("handled ExceptionGroup('g', [ValueError('a')])"),
                run(new ExceptionGroup("g", List.of(new IllegalArgumentException("a")))));
    }

    @Test
    void exceptStarClausesTakeTurnsAndAnUnhandledCheckedExceptionIsRethrownAsItIs() {
        List<String> log = new ArrayList<>();
        ExceptionGroup.Handling h = ExceptionGroup.handling(eg())
                .except(IllegalStateException.class, g -> log.add("types " + g.exceptions().size()))
                .except(IllegalArgumentException.class, g -> log.add("values " + show(g)))
                .except(IOException.class, g -> log.add("never"));
        assertTrue(h.handled());
        h.rethrow();
        assertEquals(List.of("types 2", "values ExceptionGroup('outer', [ValueError('v1'), ExceptionGroup('inner', [ValueError('v2')])])"), log);

        FileNotFoundException checked = new FileNotFoundException("f");
        ExceptionGroup.Handling unhandled = ExceptionGroup.handling(checked).except(IllegalStateException.class, g -> log.add("never"));
        assertFalse(unhandled.handled());
        assertSame(checked, assertThrows(FileNotFoundException.class, unhandled::rethrow));
        assertEquals("except* cannot match org.asyncio4j.ExceptionGroup: it matches the exceptions inside groups; use the type of those exceptions",
                assertThrows(IllegalArgumentException.class, () -> ExceptionGroup.handling(checked).except(ExceptionGroup.class, g -> {})).getMessage());
    }
}

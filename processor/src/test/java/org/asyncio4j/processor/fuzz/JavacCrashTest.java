package org.asyncio4j.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's javac wrapper never takes an internal compiler error for a successful compile.
 * {@code JavacTask.call()} prints such a crash and returns false without any ERROR diagnostic; the
 * wrapper once ignored that, so a batch with a crashing program looked compiled and the run then
 * failed with a bare {@code ClassNotFoundException} (seed 424242, programs 2400-2499).
 */
class JavacCrashTest {

    /**
     * Crashes javac 17 and 25.0.3 in {@code Gen.doHandleSwitchExpression} (NPE in {@code Code.newLocal}):
     * a switch expression containing a try, evaluated while a long is on the operand stack.
     */
    static final String CRASHES_JAVAC = """
            package fz;

            public class Crash {
                public static long f(int k) {
                    long x = 3L - switch (k) {
                        case 0 -> 4;
                        default -> {
                            try { k++; } finally { k--; }
                            yield 4;
                        }
                    };
                    return x;
                }
            }
            """;

    @Test
    void aCompileThatWroteNoClassIsNeverOk() throws Exception {
        Javac.Result r = Javac.compile(Map.of("Crash", CRASHES_JAVAC), false);
        if (r.ok()) {
            // a javac with the bug fixed: then the class must really be there
            assertNotNull(r.loader.loadClass("fz.Crash"), "compile reported ok but wrote no class");
        } else {
            assertNotNull(r.crash, "a failed compile without errors must be reported as a crash: " + r.errors);
            assertTrue(r.crash.getMessage().contains("internal compiler error"), r.crash::getMessage);
            assertTrue(r.crash.getMessage().contains("doHandleSwitchExpression"),
                    () -> "javac's own output should be kept for the report: " + r.crash.getMessage());
        }
    }
}

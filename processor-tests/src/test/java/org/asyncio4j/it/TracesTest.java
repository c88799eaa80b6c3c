package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stack traces lead through the awaiting chain of @Async methods (runtime AsyncFrames). */
class TracesTest {
    static int line(String marker) {
        return Markers.line("Traces", marker);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void framesOfTheAwaitingChain(Src.Mode mode) {
        AsyncTraces t = new AsyncTraces().in(mode);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Run.virtual(t::outer));
        List<String> userFrames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(Traces.class.getName())) {
                userFrames.add(f.getMethodName() + ":" + f.getLineNumber() + ":" + f.getFileName());
            }
        }
        assertEquals(List.of("inner:" + line("THROW-INNER") + ":Traces.java", "middle:" + line("AWAIT-MIDDLE") + ":Traces.java",
                "outer:" + line("AWAIT-OUTER") + ":Traces.java"), userFrames, Arrays.toString(e.getStackTrace()));
    }
}

package org.asyncio4j.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every program the fuzzer once failed on (shrunk), kept in {@code src/test/resources/fuzz-regressions/}
 * (and, for programs using Java 21 patterns, compiled on JDK 21+ only, {@code fuzz-regressions-21/}):
 * each must compile through the processor and behave exactly like its reference, plain and
 * cancelled at every suspension. One batch compile for all of them.
 */
class FuzzRegressionTest {

    @Test
    void everyRecordedFailureNowPasses() throws IOException, URISyntaxException {
        List<Case> cases = new ArrayList<>();
        read("/fuzz-regressions", cases);
        assertTrue(cases.size() >= 2, "regression files missing from /fuzz-regressions");
        if (Gen.JAVA_21) {
            // programs with record patterns and pattern switches: Java 21, so not compiled on JDK 17
            int before = cases.size();
            read("/fuzz-regressions-21", cases);
            assertTrue(cases.size() > before, "regression files missing from /fuzz-regressions-21");
        }
        int saved = Check.cancelPoints;
        Check.cancelPoints = Integer.MAX_VALUE; // all suspensions: these programs are small
        Check.Stats st = new Check.Stats();
        List<Check.Failure> fs;
        try {
            fs = Check.check(cases, st);
        } finally {
            Check.cancelPoints = saved;
        }
        StringBuilder sb = new StringBuilder();
        for (Check.Failure f : fs) {
            sb.append(f.c().cls()).append(": ").append(f.kind()).append('\n').append(f.detail()).append('\n');
        }
        assertEquals("", sb.toString());
        assertTrue(st.cancelRuns > 0, "no cancellation run: the regressions should suspend");
    }

    private static void read(String resource, List<Case> into) throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionTest.class.getResource(resource).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                into.add(Case.parse(Files.readString(f)));
            }
        }
    }
}

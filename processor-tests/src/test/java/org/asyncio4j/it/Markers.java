package org.asyncio4j.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds blueprint lines by the {@code // MARKER} comment that ends them, so tests name lines, not numbers. */
final class Markers {
    private Markers() {}

    /** The line of {@code blueprint}.java (in this package) that ends with {@code // marker}. */
    static int line(String blueprint, String marker) {
        Path p = Path.of("src/test/java/org/asyncio4j/it/" + blueprint + ".java");
        try {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("run from the processor-tests module directory", e);
        }
        throw new AssertionError("no marker " + marker + " in " + p);
    }
}

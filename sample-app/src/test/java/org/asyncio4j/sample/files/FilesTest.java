package org.asyncio4j.sample.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files example on real files. */
class FilesTest {
    @Test
    void theExampleTellsItsStory() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Files.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "200000");
        List<String> lines = Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        long size = 0;
        for (int i = 0; i < 200_000; i++) {
            size += (i % 100 == 0 ? "ERROR " : "INFO ").length() + ("event " + i + "\n").length();
        }
        size += "ERROR appended at the end\n".length();
        assertEquals(List.of(
                "wrote 200001 lines, copied " + size + " bytes",
                "2001 error lines; the last: ERROR appended at the end",
                "backup has " + size + " bytes",
                "the loop stayed free: the ticker ran meanwhile"), lines);
    }
}

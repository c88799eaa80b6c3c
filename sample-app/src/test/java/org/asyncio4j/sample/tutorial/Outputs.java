package org.asyncio4j.sample.tutorial;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asyncio4j.testing.VirtualClock;

/** Runs a tutorial example by its command-line name on a fresh {@link VirtualClock} and returns what it printed. */
final class Outputs {
    private Outputs() {}

    static List<String> of(String name, String... args) {
        TutorialExamples.Example example = TutorialExamples.all().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tutorial example is registered as '" + name + "'"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            example.runner().run(out, new VirtualClock(), args);
        }
        return b.toString(StandardCharsets.UTF_8).lines().toList();
    }
}

package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape of generated code, pinned by golden files in src/test/resources/golden: {@code X.java}
 * is the input, {@code X.generated.java} the expected {@code AsyncX}. After an intended change,
 * regenerate them with {@code processor/update-goldens} (which runs this test with
 * {@code -Dgolden.update=true}) and review the diff. A missing golden file is a failure, never
 * written silently: a new shape gets its file only from that explicit command.
 */
class GoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    static Stream<String> shapes() {
        return Stream.of("StraightLine", "IfElse", "Loop", "TryCatchFinally", "NestedAwaits", "Switch", "Resources", "Lambda", "Generator");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void generatedCodeMatchesGolden(String shape) throws IOException {
        String input = Files.readString(DIR.resolve(shape + ".java"));
        JavaFileObject in = JavaFileObjects.forSourceString("golden." + shape, input);
        Compilation c = javac().withProcessors(new AsyncProcessor()).compile(in);
        assertThat(c).succeeded();
        String generated = c.generatedSourceFile("golden.Async" + shape).orElseThrow()
                .getCharContent(true).toString();
        Path golden = DIR.resolve(shape + ".generated.java");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + " for shape " + shape
                + ": run processor/update-goldens to create it, then review and commit it");
        assertEquals(Files.readString(golden), generated, "generated code of " + shape + " changed; if intended, run processor/update-goldens and review the diff");
        // deterministic: a second run gives the same bytes
        Compilation again = javac().withProcessors(new AsyncProcessor()).compile(in);
        assertEquals(generated, again.generatedSourceFile("golden.Async" + shape).orElseThrow().getCharContent(true).toString());
    }
}

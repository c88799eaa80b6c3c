package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.tools.ToolProvider;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor found by plain {@code javac --processor-path} (its AutoService registration), then run. */
class PlainJavacTest {
    @Test
    void plainJavacWithProcessorPath(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/p/Sleepy.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.join("\n",
                "package p;",
                "import java.time.Duration;",
                "import org.asyncio4j.*;",
                "import org.asyncio4j.annotations.Async;",
                "public class Sleepy {",
                "  @Async public static Task<Integer> add(int a, int b) {",
                "    int x = Await.on(Asyncio.sleep(Duration.ofSeconds(1), a));",
                "    return Task.completed(x + Await.on(Asyncio.sleep(Duration.ofSeconds(2), b)));",
                "  }",
                "}"));
        List<String> processorPath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("javapoet") || entry.replace('\\', '/').endsWith("processor/target/classes")
                    || entry.contains("annotations")) {
                processorPath.add(entry);
            }
            if (entry.contains("runtime") || entry.contains("annotations")) {
                classPath.add(entry);
            }
        }
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err,
                "--processor-path", String.join(File.pathSeparator, processorPath),
                "-cp", String.join(File.pathSeparator, classPath),
                "-d", out.toString(), "-s", out.toString(), src.toString());
        assertEquals(0, rc, err.toString());
        assertTrue(Files.exists(out.resolve("p/AsyncSleepy.java")), "generated source written");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> async = cl.loadClass("p.AsyncSleepy");
            @SuppressWarnings("unchecked")
            Supplier<Task<Integer>> main = () -> {
                try {
                    return (Task<Integer>) async.getMethod("add", int.class, int.class).invoke(null, 20, 22);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
            VirtualClock clock = new VirtualClock();
            assertEquals(42, Asyncio.run(main, clock));
            assertEquals(3_000_000_000L, clock.nanoTime());
        }
    }
}

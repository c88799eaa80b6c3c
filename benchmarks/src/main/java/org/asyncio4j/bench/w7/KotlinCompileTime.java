package org.asyncio4j.bench.w7;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * W7's kotlinc peer: whole-process kotlinc ({@code K2JVMCompiler} of kotlin-compiler-embeddable, the
 * version of the build's kotlin-stdlib) on {@link KotlinCorpus}, W7's corpus written as Kotlin
 * {@code suspend fun}s ({@code mode=suspend}) or as plain {@code fun}s ({@code mode=plain}), on the JDK
 * that runs this main. Prints the same RESULT line as {@link CompileTime} ({@link CompilerProcess}).
 * Args: {@code mode=suspend|plain files=50 methods=10 plain=0}, as {@link CompileTime}'s.
 *
 * <p>Kept equal to the javac peer: the same JDK ({@code java.home}); the same JVM flags as the
 * {@code javac} launcher gives its own JVM, which is only {@code -Xms8m} (checked with
 * {@code javac -J-XX:+PrintCommandLineFlags}: G1 and the default maximum heap, as here); the same
 * class path to compile against (this process's, which holds kotlin-stdlib and kotlinx-coroutines);
 * one cold process, no Kotlin daemon. {@code -jvm-target 17} is the project's baseline.
 */
public final class KotlinCompileTime {
    private KotlinCompileTime() {}

    public static void main(String[] args) throws Exception {
        KotlinCorpus.Variant variant = KotlinCorpus.Variant.SUSPEND;
        int files = 50;
        int methods = 10;
        int plainMethods = 0;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "mode" -> variant = switch (kv[1]) {
                    case "suspend" -> KotlinCorpus.Variant.SUSPEND;
                    case "plain" -> KotlinCorpus.Variant.PLAIN;
                    default -> throw new IllegalArgumentException("mode must be suspend or plain, not " + kv[1]);
                };
                case "files" -> files = Integer.parseInt(kv[1]);
                case "methods" -> methods = Integer.parseInt(kv[1]);
                case "plain" -> plainMethods = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a + " (mode=, files=, methods=, plain=)");
            }
        }
        Path dir = Files.createTempDirectory("w7-kotlin-corpus");
        try {
            List<String> sources = KotlinCorpus.write(dir.resolve("src"), variant, files, methods, plainMethods);
            Path out = Files.createDirectories(dir.resolve("out"));
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xms8m");
            cmd.add("-cp");
            cmd.add(compilerPath());
            cmd.add("org.jetbrains.kotlin.cli.jvm.K2JVMCompiler");
            cmd.add("-d");
            cmd.add(out.toString());
            // The standard library is on the class path below, as kotlin-maven-plugin and Gradle pass it.
            cmd.add("-no-stdlib");
            cmd.add("-no-reflect");
            cmd.add("-jvm-target");
            cmd.add("17");
            cmd.add("-classpath");
            cmd.add(System.getProperty("java.class.path"));
            cmd.addAll(sources);
            CompilerProcess.timeAndEmit("kotlinc", cmd, dir.resolve("kotlinc.log"), files * methods);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The compiler's own class path: target/kotlincpath.txt, written by the build beside
     * target/classes (kotlin-compiler-embeddable and its dependencies but the three below), plus the
     * kotlin-stdlib, kotlinx-coroutines and JetBrains annotations jars this process runs with, which the
     * compiler needs at run time too (the build's class path already holds them, so the build lists them
     * only there).
     */
    private static String compilerPath() throws IOException, URISyntaxException {
        Path classes = jarOf(KotlinCompileTime.class);
        Path file = classes.getParent().resolve("kotlincpath.txt");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build the benchmarks module with 'mvn -pl benchmarks -am package'");
        }
        List<String> entries = new ArrayList<>(List.of(Files.readString(file).strip().split(File.pathSeparator)));
        if (entries.stream().noneMatch(e -> Path.of(e).getFileName().toString().startsWith("kotlin-compiler-embeddable"))) {
            throw new IllegalStateException(file + " does not list kotlin-compiler-embeddable: see the kotlincpath-file"
                    + " execution in benchmarks/pom.xml");
        }
        entries.add(jarOf(kotlin.Unit.class).toString());
        entries.add(jarOf(kotlinx.coroutines.Job.class).toString());
        entries.add(jarOf(org.jetbrains.annotations.NotNull.class).toString());
        for (String e : entries) {
            if (!Files.exists(Path.of(e))) {
                throw new IllegalStateException("kotlinc class path entry " + e + " does not exist");
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

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
 * W7: whole-process {@code javac} on a corpus of {@code files x methods} {@code @Async} methods,
 * with the processor ({@code --processor-path}) or without ({@code -proc:none}), on the JDK that runs
 * this main. Prints {@code RESULT compileMs=... compileCpuMs=...} ({@link CompilerProcess}): one javac process
 * per run (the runner forks runs).
 * Args: {@code mode=plain|processor files=50 methods=10 plain=0} ({@code plain}: ordinary methods per file
 * beside the {@code @Async} ones). {@code mode=sources out=<dir>} only writes the corpus into {@code <dir>}
 * (for {@code benchmarks/w7-generated-diff}, which compares two processors' output on it).
 */
public final class CompileTime {
    private CompileTime() {}

    public static void main(String[] args) throws Exception {
        String mode = "processor";
        int files = 50;
        int methods = 10;
        int plainMethods = 0;
        String sourcesDir = null;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "mode" -> mode = kv[1];
                case "files" -> files = Integer.parseInt(kv[1]);
                case "methods" -> methods = Integer.parseInt(kv[1]);
                case "plain" -> plainMethods = Integer.parseInt(kv[1]);
                case "out" -> sourcesDir = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + a + " (mode=, files=, methods=, plain=, out=)");
            }
        }
        if (mode.equals("sources")) {
            if (sourcesDir == null) {
                throw new IllegalArgumentException("mode=sources needs out=<dir>, the folder to write the corpus into");
            }
            System.out.println(Corpus.write(Path.of(sourcesDir), files, methods, plainMethods).size() + " files in "
                    + sourcesDir);
            return;
        }
        Path dir = Files.createTempDirectory("w7-corpus");
        try {
            List<String> sources = Corpus.write(dir.resolve("src"), files, methods, plainMethods);
            Path out = Files.createDirectories(dir.resolve("out"));
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
            cmd.add("-d");
            cmd.add(out.toString());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            if (mode.equals("plain")) {
                cmd.add("-proc:none");
            } else if (mode.equals("processor")) {
                cmd.add("-s");
                cmd.add(out.toString());
                cmd.add("--processor-path");
                cmd.add(processorPath());
            } else {
                throw new IllegalArgumentException("mode must be plain, processor or sources, not " + mode);
            }
            cmd.addAll(sources);
            CompilerProcess.timeAndEmit("javac", cmd, dir.resolve("javac.log"), files * methods);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** target/processorpath.txt, written by the build beside target/classes. */
    private static String processorPath() throws IOException, URISyntaxException {
        Path classes = Path.of(CompileTime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = classes.getParent().resolve("processorpath.txt");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build the benchmarks module with 'mvn -pl benchmarks -am package'");
        }
        String cp = Files.readString(file).strip();
        for (String e : cp.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(e))) {
                throw new IllegalStateException("processor path entry " + e + " does not exist");
            }
        }
        return cp;
    }
}

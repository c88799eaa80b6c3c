package org.asyncio4j.processor.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.processor.AsyncProcessor;

/**
 * Compiles many generated classes in one in-process javac task (with or without the processor),
 * into a fresh directory, and loads them in their own class loader. One task for a whole batch is
 * what makes thousands of programs take seconds: javac's start-up and symbol loading are paid once.
 */
final class Javac {
    private Javac() {}

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final String CLASS_PATH = classPath();
    /**
     * Java 17 (the project's baseline) on JDK 17; on JDK 21 and later 21, which the generator's
     * record patterns and pattern switches need ({@link Gen#JAVA_21}); nothing else changes with it.
     */
    private static final String RELEASE = Gen.JAVA_22 ? "22" : Gen.JAVA_21 ? "21" : "17";

    /** One error, attributed to a generated class (by file name; generated files named Async<cls>). */
    record Error(String cls, String file, long line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    static final class Result {
        final Map<String, List<Error>> errorsByClass = new LinkedHashMap<>();
        final List<Error> errors = new ArrayList<>();
        final Map<String, String> generated = new LinkedHashMap<>();
        ClassLoader loader;
        Throwable crash;

        boolean ok() {
            return errors.isEmpty() && crash == null;
        }
    }

    private static String classPath() {
        List<String> out = new ArrayList<>();
        for (Class<?> c : List.of(Fx.class, Task.class, Async.class)) {
            try {
                out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    static final class Source extends SimpleJavaFileObject {
        final String text;

        Source(String cls, String text) {
            super(java.net.URI.create("string:///fz/" + cls + ".java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Compiles {@code sources} (class simple name in package fz to text). */
    static Result compile(Map<String, String> sources, boolean processor) {
        Result res = new Result();
        Path dir;
        try {
            dir = Files.createTempDirectory("fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path classes = dir.resolve("classes");
        Path gen = dir.resolve("gen");
        try {
            Files.createDirectories(classes);
            Files.createDirectories(gen);
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((cls, text) -> units.add(new Source(cls, text)));
            List<String> opts = new ArrayList<>(List.of("-d", classes.toString(), "-s", gen.toString(), "-cp", CLASS_PATH,
                    "--release", RELEASE, "-nowarn", "-Xlint:none", "-XDcompilePolicy=byfile", "-Xmaxerrs", "10000"));
            if (!processor) {
                opts.add("-proc:none");
            }
            try (StandardJavaFileManager fm = JAVAC.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
                // javac's own output: an internal compiler error is printed there, and call() then
                // only returns false (JavacTaskImpl swallows it), with no ERROR diagnostic
                java.io.StringWriter javacOut = new java.io.StringWriter();
                JavaCompiler.CompilationTask task = JAVAC.getTask(javacOut, fm, diags, opts, null, units);
                if (processor) {
                    task.setProcessors(List.of(new AsyncProcessor()));
                }
                try {
                    boolean success = task.call();
                    boolean reported = diags.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
                    if (!success && !reported) {
                        res.crash = new IllegalStateException("javac failed without reporting an error (an internal"
                                + " compiler error); its output:\n" + javacOut);
                    }
                } catch (RuntimeException | java.lang.Error e) {
                    res.crash = e;
                }
            }
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri().getPath()).getFileName().toString();
                String cls = file.endsWith(".java") ? file.substring(0, file.length() - 5) : file;
                if (cls.startsWith("Async") && sources.containsKey(cls.substring(5))) {
                    cls = cls.substring(5);
                }
                Error e = new Error(cls, file, d.getLineNumber(), d.getMessage(Locale.ROOT));
                res.errors.add(e);
                res.errorsByClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(e);
            }
            if (DUMP != null) {
                // the texts compiled, too: a generator change that must leave some programs as they
                // were (JDK 17's, when JDK 21 features are added) is checked by diffing them
                Path srcDump = DUMP.resolve(processor ? "src-async" : "src-ref");
                Files.createDirectories(srcDump);
                for (Map.Entry<String, String> e : sources.entrySet()) {
                    Files.writeString(srcDump.resolve(e.getKey() + ".java"), e.getValue());
                }
            }
            if (processor) {
                try (Stream<Path> s = Files.walk(gen)) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        String text = Files.readString(p);
                        res.generated.put(p.getFileName().toString(), text);
                        if (DUMP != null) {
                            // kept so that two processors' outputs for the same batch can be diffed
                            // (a refactor of the processor must leave them byte-identical)
                            Files.createDirectories(DUMP);
                            Files.writeString(DUMP.resolve(p.getFileName().toString()), text);
                        }
                    }
                }
            }
            if (res.ok()) {
                res.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Fx.class.getClassLoader());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteLater(dir);
        }
        return res;
    }

    /**
     * Where every generated source is also written ({@code -Dfuzz.dump=<dir>}, off by default):
     * {@code diff -r} of two such directories, from the same seed and count with an old and a new
     * processor, shows whether a change altered any generated code.
     */
    private static final Path DUMP = System.getProperty("fuzz.dump") == null ? null : Path.of(System.getProperty("fuzz.dump"));

    private static final List<Path> TO_DELETE = new ArrayList<>();

    /** Class files are read lazily by the loader; delete the directories when the JVM exits. */
    private static synchronized void deleteLater(Path dir) {
        if (TO_DELETE.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path d : TO_DELETE) {
                    try (Stream<Path> s = Files.walk(d)) {
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (IOException ignored) {
                        // best effort cleanup of a temp directory
                    }
                }
            }));
        }
        TO_DELETE.add(dir);
    }
}

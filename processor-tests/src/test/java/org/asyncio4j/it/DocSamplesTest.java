package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles (and where asked, runs) the code samples of the user docs, so that the docs cannot rot.
 *
 * <p>The convention, stated for writers of {@code docs/guide.md} and {@code docs/from-asyncio.md}:
 * a fenced block whose info string is {@code java} followed by words is checked; a plain
 * {@code ```java} block is only shown (keep those few, e.g. snippets with {@code ...}). The words:
 * <ul>
 *   <li>{@code compile}: the block is one compilation unit without its {@code package} line: top-level
 *       classes, optionally preceded by its own imports. The test puts it in a package of its own
 *       ({@code docs.<page>.s<N>}, so class names may repeat between samples) and adds {@link #IMPORTS}
 *       in front, so samples can leave the common imports out.</li>
 *   <li>{@code members}: fields and methods, wrapped in {@code public class Sample { ... }}.</li>
 *   <li>{@code statements}: statements, wrapped in
 *       {@code public class Sample { @Async static Task<Void> sample() throws Exception { ... } }}, with a
 *       {@code return Task.completed();} appended unless the block ends with a {@code return}.</li>
 *   <li>{@code run} (with {@code compile}): the test calls the {@code main(String[])} of the block's
 *       first class that has one, with {@code System.out} captured, and compares what it printed with the
 *       next fenced block, which must be {@code ```text output}. Such samples run on a
 *       {@code VirtualClock}, so they take no real time and print exact times.</li>
 *   <li>{@code expect=Tag}: the processor must report {@code [Tag]} (an error or a warning) for this
 *       block; any other processor diagnostic, and any javac error when the tag is a warning, fails.
 *       Without it, the block must compile with no error and no {@code [Async...]} warning.</li>
 * </ul>
 * Each block is compiled with the real processor on the processor path, as a user's build does.
 */
class DocSamplesTest {
    /** Imports every checked sample gets for free; the guide lists them (section "About the samples"). */
    static final String IMPORTS = String.join("\n",
            "import java.io.IOException;",
            "import java.nio.charset.StandardCharsets;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.function.*;",
            "import org.asyncio4j.*;",
            "import org.asyncio4j.annotations.Async;",
            "import org.asyncio4j.net.*;",
            "import org.asyncio4j.process.*;",
            "import org.asyncio4j.queue.*;",
            "import org.asyncio4j.sync.*;",
            "import org.asyncio4j.testing.VirtualClock;",
            "");

    /** The pages whose samples are checked, relative to the repository root. */
    static final List<String> PAGES = List.of("docs/guide.md", "docs/from-asyncio.md");

    static final Pattern FENCE = Pattern.compile("^```(\\S*)(.*)$");

    /** One fenced block of a page. */
    record Block(String page, int line, String lang, List<String> words, String text) {
        boolean checked() {
            return lang.equals("java") && !words.isEmpty();
        }

        String where() {
            return page + ":" + line;
        }
    }

    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("processor-tests/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("DocSamplesTest: cannot find the repository root (a folder with docs/ and "
                + "processor-tests/pom.xml) above " + here);
    }

    static List<Block> blocks(String page) throws IOException {
        Path file = repoRoot().resolve(page);
        assertTrue(Files.exists(file), "DocSamplesTest: the page " + file + " is missing");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FENCE.matcher(lines.get(i).strip());
            if (!m.matches() || !lines.get(i).startsWith("```")) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).startsWith("```")) {
                text.append(lines.get(i)).append('\n');
                i++;
            }
            if (i == lines.size()) {
                fail(page + ":" + (start + 1) + ": the fenced block is never closed");
            }
            List<String> words = m.group(2).isBlank() ? List.of() : List.of(m.group(2).strip().split("\\s+"));
            out.add(new Block(page, start + 1, m.group(1), words, text.toString()));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyCheckedSampleCompilesAndPrintsWhatThePageSays(@TempDir Path tmp) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String page : PAGES) {
            List<Block> all = blocks(page);
            int n = 0;
            for (int i = 0; i < all.size(); i++) {
                Block b = all.get(i);
                if (!b.checked()) {
                    continue;
                }
                Block output = i + 1 < all.size() ? all.get(i + 1) : null;
                String pkg = "docs." + page.replaceAll(".*/|\\.md$", "").replace('-', '_') + ".s" + (++n);
                Path dir = tmp.resolve(pkg);
                tests.add(DynamicTest.dynamicTest(b.where() + " " + b.words(), () -> check(b, output, pkg, dir)));
            }
        }
        assertFalse(tests.isEmpty(), "no checked samples found");
        return tests.stream();
    }

    /** The pages must have checked samples at all: a page whose blocks all lost their words would pass vacuously. */
    @Test
    void thePagesHaveCheckedAndRunSamples() throws IOException {
        List<Block> guide = blocks("docs/guide.md");
        long checked = guide.stream().filter(Block::checked).count();
        long run = guide.stream().filter(b -> b.checked() && b.words().contains("run")).count();
        assertTrue(checked >= 20, "docs/guide.md has only " + checked + " checked samples");
        assertTrue(run >= 8, "docs/guide.md has only " + run + " samples that run");
    }

    /**
     * The pages point only at files inside the repository: every relative Markdown link and every
     * back-quoted path with a folder ({@code `sample-app/pom.xml`}) must exist, and nothing may point
     * outside the repository.
     */
    @Test
    void everyFileThePagesPointAtExists() throws IOException {
        Path root = repoRoot();
        List<String> missing = new ArrayList<>();
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        Pattern quoted = Pattern.compile("`((?:docs|runtime|processor|processor-tests|sample-app|benchmarks|annotations"
                + "|http|postgres)/[\\w./-]+)`");
        for (String page : PAGES) {
            Path file = root.resolve(page);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertFalse(text.contains("../shared"), page + " points outside the repository (../shared)");
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    missing.add(page + ": a link leaves the repository: " + target);
                } else if (!Files.exists(file.getParent().resolve(target).normalize())) {
                    missing.add(page + ": the link " + target + " leads nowhere");
                }
            }
            Matcher q = quoted.matcher(text);
            while (q.find()) {
                if (!Files.exists(root.resolve(q.group(1)))) {
                    missing.add(page + ": the path " + q.group(1) + " does not exist");
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** The wrapper is what this test says it is: a sample with an error is caught, with the page's line. */
    @Test
    void aBrokenSampleFailsWithItsPageAndLine(@TempDir Path tmp) {
        Block broken = new Block("docs/x.md", 7, "java", List.of("members"), "int f() { return \"no\"; }\n");
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> check(broken, null, "docs.x.s1", tmp));
        assertTrue(e.getMessage().contains("docs/x.md:8: ERROR"), e.getMessage());
        assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
    }

    static String source(Block b, String pkg) {
        List<String> w = b.words();
        String body = b.text();
        String prefix = "package " + pkg + ";\n" + IMPORTS;
        if (w.contains("compile")) {
            // the sample's own imports come after ours: a duplicate single-type import is legal
            return prefix + body;
        }
        if (w.contains("members")) {
            return prefix + "public class Sample {\n" + body + "}\n";
        }
        if (w.contains("statements")) {
            String last = lastLine(body);
            String end = last.startsWith("return ") ? "" : "        return Task.completed();\n";
            return prefix + "public class Sample {\n    @Async\n    static Task<Void> sample() throws Exception {\n"
                    + body + end + "    }\n}\n";
        }
        throw new AssertionError(b.where() + ": a checked java block needs `compile`, `members` or `statements` "
                + "in its info string, got " + w);
    }

    static String lastLine(String body) {
        String[] lines = body.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Line numbers in the compiler's messages, moved back to the page's: lines before the sample's first line. */
    static int headerLines(Block b) {
        int prefix = (int) IMPORTS.chars().filter(c -> c == '\n').count() + 1;
        List<String> w = b.words();
        return prefix + (w.contains("members") ? 1 : w.contains("statements") ? 3 : 0);
    }

    static void check(Block b, Block output, String pkg, Path dir) throws Exception {
        String src = source(b, pkg);
        String expect = b.words().stream().filter(s -> s.startsWith("expect=")).map(s -> s.substring(7))
                .findFirst().orElse(null);
        Path out = Files.createDirectories(dir);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        String cp = System.getProperty("java.class.path");
        String name = primaryClass(src);
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + pkg.replace('.', '/') + "/"
                + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return src;
            }
        };
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            ok = javac.getTask(null, fm, diags, List.of("-d", out.toString(), "-s", out.toString(), "-cp", cp,
                    "--processor-path", cp, "--release", "17"),
                    null, List.of(file)).call();
        }
        List<String> problems = new ArrayList<>();
        boolean sawExpected = false;
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            String msg = d.getMessage(Locale.ROOT);
            boolean processorSays = msg.contains("[Async");
            if (expect != null && msg.contains("[" + expect + "]")) {
                sawExpected = true;
                continue;
            }
            if (d.getKind() == Diagnostic.Kind.ERROR || processorSays
                    || d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                long line = d.getSource() == file ? b.line() + d.getLineNumber() - headerLines(b) : -1;
                problems.add(b.page() + ":" + (line > 0 ? line : b.line()) + ": " + d.getKind() + ": " + msg);
            }
        }
        if (expect != null) {
            if (!sawExpected) {
                problems.add(b.where() + ": the page says this sample gets [" + expect + "], the processor did not report it");
            }
        } else if (!ok && problems.isEmpty()) {
            problems.add(b.where() + ": javac failed without a message");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\n--- compiled source:\n" + numbered(src));
        }
        if (b.words().contains("run")) {
            run(b, output, pkg, out, src);
        }
    }

    static void run(Block b, Block output, String pkg, Path out, String src) throws Exception {
        if (output == null || !output.lang().equals("text") || !output.words().contains("output")) {
            throw new AssertionError(b.where() + ": a `run` sample must be followed by a ```text output block");
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {out.toUri().toURL()},
                DocSamplesTest.class.getClassLoader())) {
            Method main = null;
            Matcher m = Pattern.compile("(?m)^(?:public )?(?:abstract )?class (\\w+)").matcher(src);
            while (main == null && m.find()) {
                Class<?> c = cl.loadClass(pkg + "." + m.group(1));
                try {
                    Method cand = c.getDeclaredMethod("main", String[].class);
                    if (Modifier.isStatic(cand.getModifiers())) {
                        main = cand;
                    }
                } catch (NoSuchMethodException e) {
                    // try the next class
                }
            }
            if (main == null) {
                throw new AssertionError(b.where() + ": a `run` sample needs a static main(String[])");
            }
            main.setAccessible(true);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                main.invoke(null, (Object) new String[0]);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new AssertionError(b.where() + ": main threw " + e.getCause() + "\nprinted so far:\n"
                        + buf.toString(StandardCharsets.UTF_8), e.getCause());
            } finally {
                System.setOut(saved);
            }
            String printed = buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertEquals(output.text(), printed, b.where() + ": the sample printed something other than the "
                    + "```text output block at " + output.where() + " says");
        }
    }

    static String primaryClass(String src) {
        Matcher m = Pattern.compile("(?m)^public (?:abstract )?class (\\w+)").matcher(src);
        if (m.find()) {
            return m.group(1);
        }
        Matcher any = Pattern.compile("(?m)^(?:abstract )?class (\\w+)").matcher(src);
        return any.find() ? any.group(1) : "Sample";
    }

    static String numbered(String src) {
        String[] lines = src.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    static {
        // the processor must be where javac looks for it, or every sample would fail alike
        try {
            Class.forName("org.asyncio4j.processor.AsyncProcessor", false, DocSamplesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DocSamplesTest: the processor is not on the test class path; run it "
                    + "through Maven from the repository root (mvn verify -pl processor-tests -am)", e);
        }
    }
}

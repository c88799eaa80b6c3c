package org.asyncio4j.bench.w7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The W7 corpus: {@code files} classes of {@code methods} {@code @Async} methods each, every method
 * a loop with an await inside try/catch/finally, a var local, a conditional and a second await:
 * the shapes real async code has, deterministic text. With {@code plainMethods > 0} each class also
 * has that many ordinary methods of the same shape and size, with a list read where the awaits are
 * (W7-mixed: real code is mostly not {@code @Async}).
 */
final class Corpus {
    private Corpus() {}

    static List<String> write(Path dir, int files, int methods, int plainMethods) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("corpus"));
        List<String> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            StringBuilder s = new StringBuilder();
            s.append("package corpus;\n\nimport java.time.Duration;\nimport java.util.*;\nimport org.asyncio4j.*;\n")
                    .append("import org.asyncio4j.annotations.Async;\n\npublic class C").append(f).append(" {\n")
                    .append("    final List<String> log = new ArrayList<>();\n");
            for (int m = 0; m < methods; m++) {
                method(s, "    @Async\n    Task<Integer> m" + m + "(Task<Integer> t, int n) {\n", "Await.on(t)",
                        "        Await.on(Asyncio.sleep(Duration.ofMillis(1)));\n", "Task.completed(total + s.length())");
            }
            for (int m = 0; m < plainMethods; m++) {
                method(s, "    int p" + m + "(List<Integer> t, int n) {\n", "t.get(i % " + (m + 1) + ")",
                        "        log.add(Duration.ofMillis(1).toString());\n", "total + s.length()");
            }
            s.append("}\n");
            Path file = pkg.resolve("C" + f + ".java");
            Files.writeString(file, s.toString());
            out.add(file.toString());
        }
        return out;
    }

    /** One method of the corpus: the shared shape, with the @Async and plain forms' differences as text. */
    private static void method(StringBuilder s, String header, String read, String secondLine, String result) {
        s.append("\n").append(header)
                .append("        int total = 0;\n")
                .append("        var names = new ArrayList<String>();\n")
                .append("        for (int i = 0; i < n; i++) {\n")
                .append("            try {\n")
                .append("                total += ").append(read).append(" + i;\n")
                .append("                names.add(\"x\" + i);\n")
                .append("            } catch (IllegalStateException e) {\n")
                .append("                log.add(e.getMessage());\n")
                .append("            } finally {\n")
                .append("                log.add(\"f\");\n")
                .append("            }\n")
                .append("            if (total > 100) {\n")
                .append("                break;\n")
                .append("            }\n")
                .append("        }\n")
                .append("        String s = names.size() > 2 ? names.get(0) : \"none\";\n")
                .append(secondLine)
                .append("        return ").append(result).append(";\n")
                .append("    }\n");
    }
}

package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the JDK the JVM peers run on: one with virtual threads (21+), so every JVM peer shares it. */
final class Jdks {
    private Jdks() {}

    /** A JDK home and its feature version. */
    record Jdk(Path home, int feature, String version) {
        Path java() {
            return home.resolve("bin/java");
        }
    }

    /** Where the search looked, for the plain "none found" message. */
    static final List<String> looked = new ArrayList<>();

    /**
     * {@code --jdk} if given (must be 21+), else JAVA_HOME if it is 21+, else the newest 21+ under
     * /usr/lib/jvm, else null.
     */
    static Jdk findVirtualThreadJdk(String flag) {
        if (flag != null) {
            Jdk j = describe(Path.of(flag));
            if (j == null || j.feature() < 21) {
                throw new IllegalArgumentException("--jdk " + flag + " is not a JDK 21 or newer"
                        + (j == null ? " (no bin/java or release file there)" : " (it is JDK " + j.version() + ")"));
            }
            return j;
        }
        String jh = System.getenv("JAVA_HOME");
        if (jh != null && !jh.isBlank()) {
            looked.add("JAVA_HOME=" + jh);
            Jdk j = describe(Path.of(jh));
            if (j != null && j.feature() >= 21) {
                return j;
            }
        }
        Jdk best = null;
        Path dir = Path.of("/usr/lib/jvm");
        looked.add(dir + "/*");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Jdk j = describe(p);
                    if (j != null && j.feature() >= 21 && (best == null || j.feature() > best.feature())) {
                        best = j;
                    }
                }
            } catch (IOException e) {
                looked.add("(could not list " + dir + ": " + e + ")");
            }
        }
        if (best != null) {
            return best;
        }
        Jdk self = describe(Path.of(System.getProperty("java.home")));
        looked.add("java.home=" + System.getProperty("java.home"));
        return self != null && self.feature() >= 21 ? self : null;
    }

    /** The running JDK, used for every JVM peer when no 21+ JDK exists. */
    static Jdk current() {
        Jdk j = describe(Path.of(System.getProperty("java.home")));
        return j != null ? j : new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature(),
                Runtime.version().toString());
    }

    static Jdk describe(Path home) {
        try {
            home = home.toRealPath();
        } catch (IOException e) {
            return null;
        }
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return null;
        }
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String head = v.split("[.+-]")[0];
                    return new Jdk(home, Integer.parseInt(head), v);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}

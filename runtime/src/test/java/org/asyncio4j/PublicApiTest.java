package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the public surface of the runtime and of the annotations module: every public type, and each of its public and protected
 * constructors, methods and fields, as javac would print their generic signatures, is listed in
 * {@code src/test/resources/api/runtime-api.txt}. Any change of the surface fails here and shows in
 * review as a diff of that file. After an intended change, regenerate it with
 * {@code mvn test -pl runtime -Dtest=PublicApiTest -Dapi.update=true} and review the diff. A missing
 * listing is a failure, never written silently.
 */
class PublicApiTest {
    private static final Path LISTING = Path.of("src/test/resources/api/runtime-api.txt");

    @Test
    void thePublicSurfaceIsTheListedOne() throws Exception {
        List<String> now = listing();
        if (Boolean.getBoolean("api.update")) {
            Files.createDirectories(LISTING.getParent());
            Files.write(LISTING, now, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(LISTING), "no API listing at " + LISTING.toAbsolutePath()
                + "; create it with -Dapi.update=true and review it");
        List<String> pinned = Files.readAllLines(LISTING, StandardCharsets.UTF_8);
        Set<String> added = new TreeSet<>(now);
        pinned.forEach(added::remove);
        Set<String> removed = new TreeSet<>(pinned);
        now.forEach(removed::remove);
        if (!added.isEmpty() || !removed.isEmpty()) {
            StringBuilder sb = new StringBuilder("the runtime's public API changed; if that is meant, regenerate "
                    + LISTING + " (mvn test -pl runtime -Dtest=PublicApiTest -Dapi.update=true) and review the diff\n");
            removed.forEach(l -> sb.append("- ").append(l).append('\n'));
            added.forEach(l -> sb.append("+ ").append(l).append('\n'));
            fail(sb.toString());
        }
    }

    /** One line per public type and per public or protected member, sorted. */
    static List<String> listing() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> lines = new TreeSet<>();
        // the runtime's classes, and the annotations module's (@Async), a test dependency here
        for (Class<?> module : List.of(Asyncio.class, org.asyncio4j.annotations.Async.class)) {
            Path where = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                list(where, lines); // target/classes in the reactor
            } else {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(where)) {
                    list(jar.getPath("/"), lines); // the installed jar, when only this module is built
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static void list(Path root, Set<String> lines) throws IOException, ClassNotFoundException {
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path f : classFiles) {
            String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (name.endsWith("package-info") || name.endsWith("module-info")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
            if (!visible(c)) {
                continue;
            }
            String type = c.getName();
            lines.add(type + " : " + kind(c) + superTypes(c));
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (member(k.getModifiers(), c)) {
                    lines.add(type + " : " + k.toGenericString().replace(type + "(", "<init>("));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (member(m.getModifiers(), c) && !m.isSynthetic() && !m.isBridge()) {
                    lines.add(type + " : " + m.toGenericString());
                }
            }
            for (Field x : c.getDeclaredFields()) {
                if (member(x.getModifiers(), c) && !x.isSynthetic()) {
                    lines.add(type + " : " + x.toGenericString());
                }
            }
        }
    }

    /** Public, and every enclosing class public: reachable from another package. */
    private static boolean visible(Class<?> c) {
        for (Class<?> x = c; x != null; x = x.getEnclosingClass()) {
            if (!Modifier.isPublic(x.getModifiers()) || x.isAnonymousClass() || x.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** Public members, and protected ones of classes that can be subclassed from outside. */
    private static boolean member(int mod, Class<?> owner) {
        return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && !Modifier.isFinal(owner.getModifiers()));
    }

    private static String kind(Class<?> c) {
        String mods = Modifier.toString(c.getModifiers() & (Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC));
        String k = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
                : c.isRecord() ? "record" : "class";
        return (mods.isEmpty() || c.isInterface() ? "" : mods + " ") + k;
    }

    private static String superTypes(Class<?> c) {
        Set<String> out = new LinkedHashSet<>();
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
            out.add("extends " + c.getGenericSuperclass().getTypeName());
        }
        for (var i : c.getGenericInterfaces()) {
            out.add("implements " + i.getTypeName());
        }
        return out.isEmpty() ? "" : " " + String.join(" ", out);
    }
}

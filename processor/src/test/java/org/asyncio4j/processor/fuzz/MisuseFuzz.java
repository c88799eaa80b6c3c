package org.asyncio4j.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compile-error fuzzing (issue 5): random valid programs with misuses injected at random places
 * (awaits in lambdas, anonymous and local classes, synchronized blocks, a local class in a block
 * that awaits; private members and super
 * in bodies; bad modifiers and return types; awaits outside @Async; private, inner and final
 * classes; malformed generics). Each misuse must give its documented tagged error on its own line
 * (javac's own error for malformed generics); there must be no other error, none in generated
 * code, no internal error and no javac crash. Many programs share one javac task.
 *
 * <p>Properties: {@code fuzz.seed}, {@code fuzz.misuseCount} (programs, default 300).
 */
class MisuseFuzz {

    /** One misuse kind: where it goes and which tags are acceptable (empty: javac's own error). */
    record Misuse(String name, int where, Set<String> tags) {}

    static final int STMT = 0;
    static final int INSTANCE_STMT = 1;
    static final int MEMBER = 2;
    static final int CLASS = 3;

    record Expected(String misuse, int line, Set<String> tags) {}

    @Test
    void everyMisuseGivesItsTaggedErrorOnItsLine() {
        String s = System.getProperty("fuzz.seed", "" + FuzzMain.DEFAULT_SEED);
        long seed = s.equals("random") ? System.nanoTime() : Long.parseLong(s);
        int count = Integer.getInteger("fuzz.misuseCount", 300);
        List<String> problems = new ArrayList<>();
        int misuses = 0;
        for (int from = 0; from < count; from += 100) {
            Map<String, String> sources = new LinkedHashMap<>();
            Map<String, List<Expected>> expected = new LinkedHashMap<>();
            List<Map<String, String>> alone = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 100); i++) {
                long ps = Fx.mix(seed ^ 0x5EED, i);
                Gen.Program p = new Gen(ps, Gen.ALL).program("M" + i, ps);
                List<Expected> ex = inject(p, new Random(ps));
                misuses += ex.size();
                expected.put(p.cls, ex);
                if (ex.get(0).tags().isEmpty()) {
                    alone.add(Map.of(p.cls, p.render(false)));
                } else {
                    sources.put(p.cls, p.render(false));
                }
            }
            for (Map<String, String> one : alone) {
                problems.addAll(verify(Javac.compile(one, true), one, expected));
            }
            Javac.Result r = Javac.compile(sources, true);
            if (System.getProperty("fuzz.verbose") != null) {
                System.out.println("misuse batch errors: " + r.errors);
            }
            problems.addAll(verify(r, sources, expected));
            if (problems.size() > 20) {
                break;
            }
        }
        System.out.printf("misuse fuzz: seed %d, %d programs, %d misuses, %d problems%n", seed, count, misuses, problems.size());
        if (!problems.isEmpty()) {
            try {
                java.nio.file.Path out = java.nio.file.Path.of("target", "fuzz-failures", "misuse-seed" + seed + ".txt");
                java.nio.file.Files.createDirectories(out.getParent());
                java.nio.file.Files.writeString(out, String.join("\n\n", problems));
                System.out.println("all problems: " + out.toAbsolutePath());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(misuses >= count, "too few misuses generated");
        assertEquals("", String.join("\n\n", problems.subList(0, Math.min(5, problems.size()))));
    }

    private static List<String> verify(Javac.Result r, Map<String, String> sources, Map<String, List<Expected>> expectedAll) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Expected>> expected = new LinkedHashMap<>();
        for (String cls : sources.keySet()) {
            expected.put(cls, expectedAll.get(cls));
        }
        {
            if (r.crash != null) {
                problems.add("javac crashed on programs " + sources.keySet() + ": " + r.crash);
                return problems;
            }
            for (Javac.Error e : r.errors) {
                if (e.file().startsWith("Async")) {
                    problems.add("error in generated code " + e + "\n" + Check.numbered(r.generated.getOrDefault(e.file(), "")));
                } else if (e.message().contains("[AsyncInternalError]")) {
                    problems.add("internal error " + e + "\n" + Check.numbered(sources.get(e.cls())));
                }
            }
            for (Map.Entry<String, List<Expected>> en : expected.entrySet()) {
                String cls = en.getKey();
                List<Javac.Error> errs = r.errorsByClass.getOrDefault(cls, List.of());
                for (Expected x : en.getValue()) {
                    boolean found = false;
                    for (Javac.Error e : errs) {
                        if (e.file().equals(cls + ".java") && e.line() == x.line()
                                && (x.tags().isEmpty() ? !e.message().contains("[Async") : x.tags().stream()
                                        .anyMatch(t -> e.message().contains("[" + t + "]")))) {
                            found = true;
                        }
                    }
                    if (!found) {
                        problems.add(cls + ": misuse " + x.misuse() + " at line " + x.line() + " should give "
                                + (x.tags().isEmpty() ? "a javac error" : x.tags()) + ", got " + errs + "\n"
                                + Check.numbered(sources.get(cls)));
                    }
                }
                for (Javac.Error e : errs) {
                    if (e.file().equals(cls + ".java") && en.getValue().stream().noneMatch(x -> x.line() == e.line())) {
                        problems.add(cls + ": error on a line without misuse: " + e + "\n" + Check.numbered(sources.get(cls)));
                    }
                }
            }
        }
        return problems;
    }

    private static final String[] STMT_MISUSES = statementMisuses();

    /** On JDK 21+ also an await in a case guard (pattern switches are Java 21; JDK 17's list is unchanged). */
    private static String[] statementMisuses() {
        List<String> l = new ArrayList<>(List.of("lambda", "lambdaArg", "anonymous", "localClass", "synchronized",
                "privateField", "privateMethod", "super", "localClassBeside"));
        if (Gen.JAVA_21) {
            l.add("awaitInGuard");
        }
        return l.toArray(new String[0]);
    }

    private static final String[] MEMBER_MISUSES = {
        "private", "final", "synchronizedMethod", "returnInt", "returnRaw", "returnFuture", "outsideAsync",
        "privateNested", "innerClass"
    };

    /**
     * Misuses javac itself rejects. They get their own javac task and are alone in their program:
     * once javac has its own errors it stops before reporting the processor's for other classes.
     */
    private static final String[] JAVAC_MISUSES = {"wrongArity", "unknownBound", "unknownReturnArg"};

    /** Adds 1-3 misuses to {@code p}; returns where each must be reported. */
    static List<Expected> inject(Gen.Program p, Random r) {
        List<Expected> out = new ArrayList<>();
        List<String[]> marks = new ArrayList<>(); // misuse name, tags (comma separated)
        boolean javacError = r.nextInt(12) == 0;
        int n = javacError ? 1 : 1 + r.nextInt(3);
        int k = 0;
        boolean classLevel = false;
        for (int i = 0; i < n; i++) {
            String marker = " /*MISUSE" + k++ + "*/";
            if (!javacError && r.nextInt(3) > 0) {
                String mu = STMT_MISUSES[r.nextInt(STMT_MISUSES.length)];
                Gen.Method m = p.methods.get(r.nextInt(p.methods.size()));
                if ((mu.equals("super")) && m.isStatic) {
                    mu = "lambda";
                }
                String text = switch (mu) {
                    case "lambda" -> "java.util.function.IntSupplier q" + k + " = () -> Await.on(Fx.i(900, 1));";
                    case "lambdaArg" -> "Fx.log(901, ((java.util.function.Supplier<Integer>) () -> Await.on(Fx.i(902, 2))).get());";
                    case "anonymous" -> "Fx.log(903, new Object() { int f() { return Await.on(Fx.i(904, 3)); } }.f());";
                    case "localClass" -> "class Loc" + k + " { int g() { return Await.on(Fx.i(905, 4)); } }";
                    case "synchronized" -> "synchronized (Fx.class) { Fx.log(906, Await.on(Fx.i(907, 5))); }";
                    case "privateField" -> "Fx.log(908, secret" + k + ");";
                    case "privateMethod" -> "Fx.log(909, hidden" + k + "(6));";
                    // a local class without awaits in a block that awaits (in a method or an async lambda body)
                    case "localClassBeside" -> "class Near" + k + " { int v = 4; } Fx.log(912, new Near" + k
                            + "().v + Await.on(Fx.i(913, 1)));";
                    case "awaitInGuard" -> "switch ((Object) Fx.vi(914, 3)) { case Integer g" + k + " when Await.on(Fx.i(915, g"
                            + k + ")) > 0 -> Fx.log(916, g" + k + "); default -> { } }";
                    default -> "Fx.log(910, super.hashCode());";
                };
                if (mu.equals("privateField")) {
                    p.extraMembers.add("private static int secret" + k + " = 7;");
                } else if (mu.equals("privateMethod")) {
                    p.extraMembers.add("private static int hidden" + k + "(int x) { return x; }");
                }
                String tags = switch (mu) {
                    case "lambda", "lambdaArg" -> "AsyncAwaitInLambda";
                    case "anonymous" -> "AsyncAwaitInClass";
                    case "localClass" -> "AsyncAwaitInClass,AsyncLocalClass";
                    case "synchronized" -> "AsyncAwaitInSynchronized";
                    case "privateField", "privateMethod" -> "AsyncPrivateMember";
                    case "localClassBeside" -> "AsyncLocalClass";
                    case "awaitInGuard" -> "AsyncPatternSwitch";
                    default -> "AsyncSuperCall";
                };
                Node st = Node.stmt(text + marker);
                List<Node> blocks = new ArrayList<>();
                blocks(m.body, blocks);
                Node b = blocks.get(r.nextInt(blocks.size()));
                int at = b.parts.isEmpty() ? 0 : r.nextInt(b.parts.size());
                b.parts.add(at, st);
                marks.add(new String[] {mu, tags, marker});
            } else {
                String mu = javacError ? JAVAC_MISUSES[r.nextInt(JAVAC_MISUSES.length)]
                        : MEMBER_MISUSES[r.nextInt(MEMBER_MISUSES.length)];
                if ((mu.equals("privateNested") || mu.equals("innerClass")) && classLevel) {
                    mu = "private";
                }
                String name = "bad" + k;
                String text = switch (mu) {
                    case "private" -> "@Async private static Task<Integer> " + name + "(int d) { return Task.completed(d); }";
                    case "final" -> "@Async final Task<Integer> " + name + "(int d) { return Task.completed(d); }";
                    case "synchronizedMethod" -> "@Async synchronized Task<Integer> " + name + "(int d) { return Task.completed(d); }";
                    case "returnInt" -> "@Async static int " + name + "(int d) { return d; }";
                    case "returnRaw" -> "@SuppressWarnings(\"rawtypes\") @Async static Task " + name + "(int d) { return Task.completed(d); }";
                    case "returnFuture" -> "@Async static java.util.concurrent.CompletableFuture<Integer> " + name
                            + "(int d) { return java.util.concurrent.CompletableFuture.completedFuture(d); }";
                    case "outsideAsync" -> "static int " + name + "(int d) { return Await.on(Fx.i(911, d)); }";
                    case "privateNested" -> "private static class N" + k + " { @Async static Task<Integer> n(int d) { return Task.completed(d); } }";
                    case "innerClass" -> "class N" + k + " { @Async Task<Integer> n(int d) { return Task.completed(d); } }";
                    case "wrongArity" -> "@Async static Task<Integer, String> " + name + "(int d) { return null; }";
                    case "unknownReturnArg" -> "@Async static Task<Missing" + k + "> " + name + "(int d) { return null; }";
                    default -> "@Async static <T extends Undefined" + k + "> Task<T> " + name + "(T x) { return Task.completed(x); }";
                };
                String tags = switch (mu) {
                    case "private", "final", "synchronizedMethod" -> "AsyncMethodModifier";
                    case "returnInt", "returnRaw", "returnFuture" -> "AsyncReturnType";
                    case "outsideAsync" -> "AsyncAwaitOutsideAsync";
                    case "privateNested" -> "AsyncClassPrivate";
                    case "innerClass" -> "AsyncInnerClass";
                    default -> ""; // javac's own error
                };
                if (mu.equals("privateNested") || mu.equals("innerClass")) {
                    classLevel = true;
                }
                p.extraMembers.add(text + marker);
                marks.add(new String[] {mu, tags, marker});
            }
        }
        if (!classLevel && !javacError && r.nextInt(10) == 0) {
            String marker = " /*MISUSE" + k + "*/";
            p.classModifiers = "public final ";
            p.classHeaderSuffix = marker;
            marks.add(new String[] {"finalClass", "AsyncClassFinal", marker});
        }
        String text = p.render(false);
        String[] lines = text.split("\n", -1);
        for (String[] mk : marks) {
            int line = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(mk[2])) {
                    line = i + 1;
                }
            }
            out.add(new Expected(mk[0], line, mk[1].isEmpty() ? Set.of() : Set.of(mk[1].split(","))));
        }
        return out;
    }

    private static void blocks(Node n, List<Node> out) {
        if (n.k == Node.K.BLOCK) {
            out.add(n);
        }
        for (Node kid : n.kids()) {
            if (kid.k != Node.K.EXPR || true) {
                blocks(kid, out);
            }
        }
    }
}

package org.asyncio4j.processor.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The differential check: compiles a batch of cases twice (reference without the processor, async
 * with it), runs each both ways, with and without cancellation, and compares the traces.
 */
final class Check {
    private Check() {}

    /** Why a case failed. {@code kind} is stable (the shrinker keeps it), {@code detail} is for people. */
    record Failure(String kind, Case c, String detail) {}

    static final class Stats {
        int programs;
        int runs;
        int cancelRuns;
        int overBudget;
        /** Programs whose own class (as javac compiled it, no processor code in it) fails verification: not compared. */
        int unverifiable;
        /**
         * Programs javac cannot compile at all, without the processor: it crashes, or reports an error naming
         * its own internal operator {@code <*nullchk*>} (javac 25.0.3). javac's bugs on the user's own code,
         * not compared.
         */
        int javacBugs;
        int failures;
        /** Await reads in the generated code that state their type ({@code m.<X>awaited}), and those read through a witness. */
        int typedAwaits;
        int witnessAwaits;
        long compileNanos;
        long runNanos;

        @Override
        public String toString() {
            return programs + " programs, " + runs + " run pairs (" + cancelRuns + " cancellation runs), "
                    + overBudget + " over the step budget, " + (unverifiable == 0 ? ""
                    : unverifiable + " whose own class javac compiled to code that fails verification (not compared), ")
                    + (javacBugs == 0 ? "" : javacBugs + " that javac itself could not compile without the processor (its"
                    + " crash or <*nullchk*> error; not compared), ")
                    + Fx.queueWaits + " queue awaits that waited, "
                    + typedAwaits + " await reads typed / " + witnessAwaits + " through a witness, " + failures
                    + " failures; javac cpu "
                    + compileNanos / 1_000_000 + " ms, runs " + runNanos / 1_000_000 + " ms";
        }
    }

    /** How many cancellation points each program is cancelled at (all of them when fewer). */
    static int cancelPoints = 4;

    static List<Failure> check(List<Case> cases, Stats st) {
        return run(compile(cases), st);
    }

    /** A batch compiled both ways; thread-safe to make (javac tasks are independent). */
    static final class Compiled {
        final List<Case> cases;
        final List<Failure> failures = new ArrayList<>();
        final Map<String, Case> live = new LinkedHashMap<>();
        /** Cases dropped because javac fails on them without the processor (see {@link Stats#javacBugs}). */
        int javacBugs;
        Javac.Result ref;
        Javac.Result async;
        long cpuNanos;

        Compiled(List<Case> cases) {
            this.cases = cases;
        }
    }

    static Compiled compile(List<Case> cases) {
        Compiled c = new Compiled(cases);
        long c0 = Fx.cpu();
        for (Case k : cases) {
            c.live.put(k.cls(), k);
        }
        c.ref = compileDropping(c, false, "ref-compile");
        c.async = compileDropping(c, true, "async-compile");
        c.cpuNanos = Fx.cpu() - c0;
        return c;
    }

    private static final java.util.regex.Pattern TYPED_AWAIT = java.util.regex.Pattern.compile("\\.<[^>]+>awaited\\(");
    private static final java.util.regex.Pattern WITNESS_AWAIT = java.util.regex.Pattern.compile("Witness\\.of\\(");

    private static int count(String text, java.util.regex.Pattern p) {
        int n = 0;
        for (java.util.regex.Matcher m = p.matcher(text); m.find(); ) {
            n++;
        }
        return n;
    }

    /** Runs a compiled batch; on one thread at a time ({@link Fx} is single-threaded). */
    static synchronized List<Failure> run(Compiled b, Stats st) {
        List<Failure> out = new ArrayList<>(b.failures);
        st.programs += b.cases.size();
        st.javacBugs += b.javacBugs;
        st.compileNanos += b.cpuNanos;
        long t1 = System.nanoTime();
        for (Case c : b.live.values()) {
            String generated = b.async.generated.get("Async" + c.cls() + ".java");
            if (generated != null) {
                st.typedAwaits += count(generated, TYPED_AWAIT);
                st.witnessAwaits += count(generated, WITNESS_AWAIT);
            }
            Failure f = compare(c, b.ref.loader, b.async.loader, st, generated);
            if (f != null) {
                out.add(f);
            }
        }
        st.runNanos += System.nanoTime() - t1;
        st.failures += out.size();
        return out;
    }

    /**
     * Compiles {@code live}; a case with errors becomes a failure of {@code kind} and is dropped,
     * and the rest is compiled again (javac writes no class file when any unit has errors).
     */
    private static Javac.Result compileDropping(Compiled compiled, boolean processor, String kind) {
        Map<String, Case> live = compiled.live;
        List<Failure> out = compiled.failures;
        for (int round = 0; ; round++) {
            if (live.isEmpty()) {
                return new Javac.Result();
            }
            Map<String, String> src = new LinkedHashMap<>();
            live.forEach((cls, c) -> src.put(cls, processor ? c.asyncText() : c.refText()));
            long t0 = System.nanoTime();
            long c0 = Fx.cpu();
            Javac.Result r = Javac.compile(src, processor);
            if (System.getProperty("fuzz.verbose") != null) {
                System.out.printf("javac %s %d units: %d ms (cpu %d ms), %d errors%n", processor ? "async" : "ref",
                        src.size(), (System.nanoTime() - t0) / 1_000_000, (Fx.cpu() - c0) / 1_000_000, r.errors.size());
            }
            if (r.ok()) {
                return r;
            }
            Set<String> bad = new LinkedHashSet<>();
            for (String cls : r.errorsByClass.keySet()) {
                if (live.containsKey(cls)) {
                    bad.add(cls);
                }
            }
            if (bad.isEmpty() || r.crash != null || round >= 3) {
                // errors we cannot attribute, javac crashed, or javac keeps reporting a few units
                // per compile (a shrinker round of many failing candidates): one by one
                boolean found = false;
                for (Case c : List.copyOf(live.values())) {
                    Javac.Result one = Javac.compile(Map.of(c.cls(), processor ? c.asyncText() : c.refText()), processor);
                    if (!one.ok()) {
                        if (!processor && javacBug(one)) {
                            compiled.javacBugs++;
                        } else {
                            out.add(new Failure(one.crash != null ? kind + "-javac-crash" : kind, c, describe(one, c)));
                        }
                        live.remove(c.cls());
                        found = true;
                    }
                }
                if (!found) {
                    // fails only together: report the whole batch rather than loop
                    for (Case c : List.copyOf(live.values())) {
                        out.add(new Failure(kind + "-batch", c, describe(r, c)));
                    }
                    live.clear();
                }
                continue;
            }
            for (String cls : bad) {
                Case c = live.remove(cls);
                if (!processor && r.errorsByClass.get(cls).stream().anyMatch(Check::javacInternal)) {
                    compiled.javacBugs++;
                } else {
                    out.add(new Failure(kind, c, describe(r, c)));
                }
            }
        }
    }

    /**
     * javac failed on a program without the processor in its own way: it crashed (a generated program is valid
     * Java, so that is javac's bug), or an error names its internal null-check operator (javac 25.0.3 reports
     * {@code bad operand type int for unary operator '<*nullchk*>'} on some valid switch shapes).
     */
    private static boolean javacBug(Javac.Result r) {
        return r.crash != null || r.errors.stream().anyMatch(Check::javacInternal);
    }

    private static boolean javacInternal(Javac.Error e) {
        return e.toString().contains("<*nullchk*>");
    }

    private static String describe(Javac.Result r, Case c) {
        StringBuilder sb = new StringBuilder();
        if (r.crash != null) {
            sb.append("javac crashed: ").append(r.crash).append('\n');
        }
        for (Javac.Error e : r.errorsByClass.getOrDefault(c.cls(), r.errors)) {
            sb.append(e).append('\n');
        }
        String gen = r.generated.get("Async" + c.cls() + ".java");
        if (gen != null) {
            sb.append("generated:\n").append(numbered(gen));
        }
        return sb.toString();
    }

    static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    /** Runs {@code c} both ways, then cancelled at some of its suspensions; null if all agree. */
    static Failure compare(Case c, ClassLoader ref, ClassLoader async, Stats st, String generated) {
        List<Integer> points = new ArrayList<>();
        points.add(0);
        for (int i = 0; i < points.size(); i++) {
            int k = points.get(i);
            Runner.Trace r = Runner.run(ref, c.cls(), c.rootStatic(), false, c.seed(), k, c.arg());
            Runner.Trace a = Runner.run(async, c.cls(), c.rootStatic(), true, c.seed(), k, c.arg());
            if (k == 0 && (userCodeUnverifiable(r, c) || userCodeUnverifiable(a, c))) {
                // the user's class as written (the reference's, or the async compile's: the same text but
                // for async resources), compiled by javac, does not verify: a javac bug (JDK 25.0.3 on a
                // negated nested record-pattern instanceof before a pattern switch, see FUZZING.md), nothing
                // the processor wrote (its machine class is Async<cls>); the program tests nothing
                st.unverifiable++;
                return null;
            }
            st.runs++;
            if (k > 0) {
                st.cancelRuns++;
            }
            if (r.overBudget() && a.overBudget()) {
                if (k == 0) {
                    st.overBudget++;
                }
                continue;
            }
            if (!r.text().equals(a.text())) {
                return new Failure("mismatch", c, (k == 0 ? "plain run" : "cancelled at suspension " + k)
                        + ": traces differ\n" + diff(r.text(), a.text())
                        + (generated == null ? "" : "generated:\n" + numbered(generated)));
            }
            if (k == 0) {
                int s = r.suspensions();
                if (s <= cancelPoints) {
                    for (int j = 1; j <= s; j++) {
                        points.add(j);
                    }
                } else {
                    points.add(1);
                    points.add(s);
                    for (int j = 2; j < cancelPoints; j++) {
                        points.add(2 + (int) Math.floorMod(Fx.mix(c.seed(), j), (long) (s - 2)));
                    }
                }
            }
        }
        return null;
    }

    /** The run failed because javac's code for the user's own class {@code fz.<cls>} does not verify. */
    private static boolean userCodeUnverifiable(Runner.Trace t, Case c) {
        return t.outcome().startsWith("threw VerifyError") && t.outcome().contains("fz/" + c.cls() + ".");
    }

    static String diff(String ref, String async) {
        String[] a = ref.split("\n");
        String[] b = async.split("\n");
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("  first difference at effect ").append(i).append('\n');
        for (int j = Math.max(0, i - 3); j < Math.min(a.length, i + 4); j++) {
            sb.append("  ref   ").append(j).append(": ").append(a[j]).append('\n');
        }
        for (int j = Math.max(0, i - 3); j < Math.min(b.length, i + 4); j++) {
            sb.append("  async ").append(j).append(": ").append(b[j]).append('\n');
        }
        return sb.toString();
    }
}

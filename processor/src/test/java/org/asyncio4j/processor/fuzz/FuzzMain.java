package org.asyncio4j.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the processor (issue 5): random {@code @Async} programs, each compiled
 * through the processor and run on the event loop, and compiled as plain Java against a reference
 * {@code Await} and run directly; the traces must be equal, also when the task is cancelled at its
 * suspensions. See {@code processor/FUZZING.md} for the design and the commands.
 *
 * <p>Properties: {@code fuzz.seed} (default fixed, so CI is reproducible; {@code random} for a new
 * one), {@code fuzz.count} (programs, default 2000), {@code fuzz.from} (first program index),
 * {@code fuzz.batch} (programs per javac task), {@code fuzz.exclude} (comma-separated {@link Gen.F}
 * constructs to leave out), {@code fuzz.shrink} (failures to shrink, default 3).
 */
class FuzzMain {
    static final long DEFAULT_SEED = 20261122L;

    @Test
    void randomProgramsBehaveLikeTheirReference() throws IOException {
        String s = System.getProperty("fuzz.seed", "" + DEFAULT_SEED);
        long seed = s.equals("random") ? System.nanoTime() : Long.parseLong(s);
        int count = Integer.getInteger("fuzz.count", 2000);
        int from = Integer.getInteger("fuzz.from", 0);
        int batch = Integer.getInteger("fuzz.batch", 100);
        int shrink = Integer.getInteger("fuzz.shrink", 3);
        int threads = Integer.getInteger("fuzz.threads", Math.min(2, Runtime.getRuntime().availableProcessors()));
        Set<Gen.F> features = features(System.getProperty("fuzz.exclude", ""));

        Check.Stats st = new Check.Stats();
        PatternGen.resetCounts();
        List<Check.Failure> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        // javac dominates: batches are compiled on `threads` threads (javac tasks are independent)
        // while this thread runs the compiled ones in order
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Check.Compiled>> pending = new ArrayList<>();
        try {
            for (int b = from; b < from + count; b += batch) {
                int start = b;
                int end = Math.min(from + count, b + batch);
                pending.add(pool.submit(() -> {
                    List<Case> cases = new ArrayList<>();
                    for (int i = start; i < end; i++) {
                        cases.add(Case.of(program(seed, i, features)));
                    }
                    return Check.compile(cases);
                }));
            }
            long lastNote = System.nanoTime();
            for (Future<Check.Compiled> f : pending) {
                failures.addAll(Check.run(f.get(), st));
                if (System.nanoTime() - lastNote > 10_000_000_000L) {
                    // a long step of the test command says how far it is (every 10 s)
                    lastNote = System.nanoTime();
                    System.out.printf(Locale.ROOT, "fuzz: %d of %d programs, %d failures so far, %.0f s%n",
                            st.programs, count, failures.size(), (lastNote - t0) / 1e9);
                }
                if (failures.size() > 50) {
                    break;
                }
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "fuzz: seed %d, %s; %.1f s, %.0f programs/s%n", seed, st, secs, st.programs / secs);
        if (Gen.JAVA_21) {
            System.out.println("fuzz: JDK 21 patterns: " + PatternGen.counts());
        }

        StringBuilder report = new StringBuilder();
        Set<String> shrunkKinds = new LinkedHashSet<>();
        for (Check.Failure f : failures) {
            int index = Integer.parseInt(f.c().cls().substring(1));
            report.append("FAILED ").append(f.kind()).append(": program ").append(index).append(" ").append(System.getProperty("fuzz.verbose") != null ? f.detail() + "\n" + f.c().asyncText() : "")
                    .append(" (reproduce: -Dfuzz.seed=").append(seed).append(" -Dfuzz.from=").append(index)
                    .append(" -Dfuzz.count=1)\n");
        }
        for (Check.Failure f : failures) {
            if (shrunkKinds.size() >= shrink || !shrunkKinds.add(f.kind() + firstLine(f.detail()) + asyncSide(f.detail()))) {
                continue;
            }
            int index = Integer.parseInt(f.c().cls().substring(1));
            Gen.Program p = program(seed, index, features);
            Gen.Program small = Shrinker.shrink(p, f.kind(), 60);
            Case sc = Case.of(small);
            List<Check.Failure> again = Check.check(List.of(sc), new Check.Stats());
            String detail = again.isEmpty() ? f.detail() : again.get(0).detail();
            String note = "fuzz seed " + seed + " program " + index + ": " + f.kind() + "\n" + firstLines(detail, 40);
            Path out = Path.of("target", "fuzz-failures", "seed" + seed + "-p" + index + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, sc.file(note));
            report.append("\n==== shrunk program ").append(index).append(" (").append(f.kind()).append("), saved to ")
                    .append(out.toAbsolutePath()).append(" (move it to src/test/resources/fuzz-regressions/)\n")
                    .append(sc.asyncText()).append("---- details\n").append(detail).append('\n');
        }
        if (!failures.isEmpty()) {
            System.out.println(report);
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " fuzz failures:\n" + report);
    }

    /** Standalone runs without Maven (same properties): see FUZZING.md. */
    public static void main(String[] args) throws IOException {
        new FuzzMain().randomProgramsBehaveLikeTheirReference();
    }

    static Gen.Program program(long seed, int index, Set<Gen.F> features) {
        long ps = Fx.mix(seed, index);
        return new Gen(ps, features).program("P" + index, ps);
    }

    static Set<Gen.F> features(String exclude) {
        Set<Gen.F> f = EnumSet.copyOf(Gen.ALL);
        for (String x : exclude.split(",")) {
            if (!x.isBlank()) {
                f.remove(Gen.F.valueOf(x.trim()));
            }
        }
        return f;
    }

    /**
     * For a mismatch, what the async run did at the first difference, numbers left out: two mismatches
     * with different symptoms are both shrunk (their first lines are the same).
     */
    private static String asyncSide(String detail) {
        for (String line : detail.split("\n")) {
            if (line.startsWith("  async ")) {
                String rest = line.substring(line.indexOf(':') + 1);
                return rest.replaceAll("[0-9]+", "#");
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
    }
}

package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes RESULTS.md, one SVG chart per charted metric, and results/raw.csv (every run's figures). */
final class Report {
    private final Path dir;
    private final Env env;
    private final List<Workload> plan;
    /** Nothing was run: every figure comes from results/raw.csv. */
    private final boolean rerendered;

    Report(Path dir, Env env, List<Workload> plan, boolean rerendered) {
        this.dir = dir;
        this.env = env;
        this.plan = plan;
        this.rerendered = rerendered;
    }

    void write() throws IOException {
        Path results = dir.resolve("results");
        Files.createDirectories(results);
        StringBuilder md = new StringBuilder();
        md.append("# asyncio4j benchmark results\n\n");
        if (rerendered) {
            String measured = plan.stream().map(w -> w.carriedFrom).filter(java.util.Objects::nonNull).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse("never");
            md.append("Figures measured by `benchmarks/run` (").append(measured).append("); this page re-rendered from")
                    .append(" results/raw.csv with `--report-only` on ").append(env.date()).append(" (commit ")
                    .append(env.commit()).append("). Do not edit by hand: rerun it.\n\n");
        } else {
            md.append("Written by `benchmarks/run --").append(env.mode()).append("` on ").append(env.date())
                    .append(" (commit ").append(env.commit()).append("). Do not edit by hand: rerun it.\n\n");
        }
        md.append("| machine fact | value |\n|---|---|\n");
        row(md, "cores", env.cores() + " (" + env.cpu() + ")");
        row(md, "memory", env.memory());
        row(md, "OS", env.os());
        row(md, "JDK of every JVM peer", env.jdk().version() + " (" + env.jdk().home() + ")");
        String small = plan.stream().filter(w -> w.smallPages).map(w -> w.id).distinct()
                .reduce((a, b) -> a + ", " + b).orElse(null);
        String touched = plan.stream().filter(w -> w.preTouch).map(w -> w.id).distinct()
                .reduce((a, b) -> a + ", " + b).orElse(null);
        row(md, "JVM flags of every JVM peer", "`" + String.join(" ", env.flags()) + "`, plus `" + Runner.HUGE_PAGES
                + "` in every workload" + (small == null ? "" : " but " + small)
                + (touched == null ? "" : ", and `" + Runner.PRE_TOUCH + "` in " + touched)
                + " (all the JVMs of a workload get the same flags; ANALYSIS.md, \"W2\" and \"W4\", says why)");
        row(md, "Python", env.pythonVersion() + (env.python() == null ? "" : " (" + env.python() + ")"));
        row(md, "load average (1, 5, 15 min) " + (rerendered ? "when re-rendered (not the run's)" : "at start / end"),
                env.loadAtStart() + " / " + Env.loadAverage()
                + (env.cores() <= 2 ? " (other builds shared this " + env.cores() + "-core machine: expect noise)" : ""));
        row(md, "CPU cost of one System.nanoTime() (best of 5)", Goals.fmt(env.nanoTimeNs()) + " ns");
        row(md, "mode", env.mode() + ": every figure is the median of the runs shown, each run a fresh process");
        md.append("\nHow to read the tables: each cell is `median [min - max]` over the runs. The *advantage* tables"
                + " give how many times better asyncio4j is than each peer on each figure (above 1x: asyncio4j is"
                + " better; below 1x: the peer is). Raw figures of every run: [results/raw.csv](results/raw.csv);"
                + " process logs are in `benchmarks/target/bench-logs/` after a run.\n\n");

        Path analysis = dir.resolve("ANALYSIS.md");
        md.append("## Goals\n\n");
        for (Workload w : plan) {
            for (String g : w.goals.apply(w)) {
                md.append("- **").append(w.id).append("** ").append(g).append('\n');
            }
        }
        md.append('\n');
        if (Files.isRegularFile(analysis)) {
            md.append("## Why: profiling notes\n\n(Hand-written in [ANALYSIS.md](ANALYSIS.md), copied here; the tables below are"
                    + " this run's, the notes say which run they come from.)\n\n")
                    .append(Files.readString(analysis).replaceFirst("(?s)^# [^\n]*\n+", "").replaceAll("(?m)^## ", "### "))
                    .append('\n');
        }

        StringBuilder csv = new StringBuilder(RawCsv.HEADER + "\n");
        String now = env.date() + " " + env.mode();
        for (Workload w : plan) {
            md.append("## ").append(w.title).append("\n\n").append(w.description).append("\n\n");
            if (w.carriedFrom != null && !rerendered) {
                md.append("*Not run this time (`--only`): these figures were measured ").append(w.carriedFrom)
                        .append(", possibly on another commit.*\n\n");
            }
            if (!w.metrics.isEmpty()) {
                table(md, w);
                advantages(md, w);
                for (Metric m : w.charted) {
                    String file = chart(results, w, m);
                    if (file != null) {
                        md.append("![").append(w.title).append(": ").append(m.label()).append("](results/")
                                .append(file).append(")\n");
                    }
                }
                md.append('\n');
            } else {
                for (Case c : w.cases) {
                    md.append("- ").append(c.label()).append(": ").append(c.notMeasured).append('\n');
                }
                md.append('\n');
            }
            for (Case c : w.cases) {
                if (c.note != null) {
                    md.append("- ").append(c.note).append('\n');
                }
                for (String f : c.failures) {
                    md.append("- **").append(c.label()).append(" FAILED**: ").append(f).append('\n');
                }
                RawCsv.append(csv, w.carriedFrom != null ? w.carriedFrom : now, w, c);
            }
            md.append('\n');
        }
        Files.writeString(dir.resolve("RESULTS.md"), md.toString());
        Files.writeString(results.resolve("raw.csv"), csv.toString());
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }

    private static void table(StringBuilder md, Workload w) {
        md.append("| peer |");
        for (Metric m : w.metrics) {
            md.append(' ').append(m.label()).append(" (").append(m.unit()).append(") |");
        }
        md.append(" runs |\n|---|");
        md.append("---|".repeat(w.metrics.size() + 1)).append('\n');
        for (Case c : w.cases) {
            md.append("| ").append(c.isAsyncio4j() ? "**" + c.label() + "**" : c.label()).append(" |");
            if (c.notMeasured != null || c.runs.isEmpty()) {
                String why = c.notMeasured != null ? c.notMeasured : "FAILED (see below)";
                md.append(' ').append(why).append(" |").append(" |".repeat(w.metrics.size())).append('\n');
                continue;
            }
            for (Metric m : w.metrics) {
                Stats s = c.stats(m.key());
                md.append(' ').append(s == null ? "-" : Goals.fmt(s.median() / m.scale()) + " ["
                        + Goals.fmt(s.min() / m.scale()) + " - " + Goals.fmt(s.max() / m.scale()) + "]").append(" |");
            }
            md.append(' ').append(c.runs.size()).append(" |\n");
        }
        md.append('\n');
    }

    private static void advantages(StringBuilder md, Workload w) {
        Case a = w.find(Peers.ASYNCIO4J);
        if (a == null) {
            return;
        }
        List<Case> peers = new ArrayList<>();
        for (Case c : w.cases) {
            if (!c.isAsyncio4j() && c.notMeasured == null && !c.runs.isEmpty()) {
                peers.add(c);
            }
        }
        if (peers.isEmpty()) {
            return;
        }
        md.append("| asyncio4j").append(a.variant.isEmpty() ? "" : " (" + a.variant + ")").append(" advantage over |");
        for (Metric m : w.metrics) {
            md.append(' ').append(m.label()).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(w.metrics.size())).append('\n');
        for (Case p : peers) {
            md.append("| ").append(p.label()).append(" |");
            for (Metric m : w.metrics) {
                Stats sa = a.stats(m.key());
                Stats sp = p.stats(m.key());
                md.append(' ').append(sa == null || sp == null ? "-" : Goals.fmt(m.advantage(sa.median(), sp.median())) + "x")
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private String chart(Path results, Workload w, Metric m) throws IOException {
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (Case c : w.cases) {
            Stats s = c.notMeasured == null ? c.stats(m.key()) : null;
            if (s != null) {
                bars.add(new SvgChart.Bar(c.label(), s, c.isAsyncio4j()));
            }
        }
        if (bars.isEmpty()) {
            return null;
        }
        String file = (w.id + "-" + m.key()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".svg";
        Files.writeString(results.resolve(file), SvgChart.render(w.title, m, bars));
        return file;
    }
}

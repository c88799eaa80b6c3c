package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * results/raw.csv: every figure of every run, one per line:
 * {@code measured,workload,peer,variant,run,metric,value}. A run with {@code --only} reads it back to
 * keep the figures of the workloads it does not run (marked as carried over in RESULTS.md).
 */
final class RawCsv {
    private RawCsv() {}

    static final String HEADER = "measured,workload,peer,variant,run,metric,value";

    static void append(StringBuilder csv, String measured, Workload w, Case c) {
        for (int i = 0; i < c.runs.size(); i++) {
            for (Map.Entry<String, Double> e : c.runs.get(i).entrySet()) {
                csv.append(esc(measured)).append(',').append(esc(w.id)).append(',').append(esc(c.peer)).append(',')
                        .append(esc(c.variant)).append(',').append(i + 1).append(',').append(e.getKey()).append(',')
                        .append(e.getValue()).append('\n');
            }
        }
    }

    /** Fills the cases of {@code w} from {@code file}; returns the "measured" label, or null if none matched. */
    static String carryOver(Path file, Workload w) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return null;
        }
        String measured = null;
        for (Case c : w.cases) {
            Map<Integer, Map<String, Double>> runs = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = split(line);
                if (f.size() == 7 && f.get(1).equals(w.id) && f.get(2).equals(c.peer) && f.get(3).equals(c.variant)) {
                    runs.computeIfAbsent(Integer.parseInt(f.get(4)), k -> new LinkedHashMap<>())
                            .put(f.get(5), Double.parseDouble(f.get(6)));
                    measured = f.get(0);
                }
            }
            c.runs.addAll(runs.values());
        }
        return measured;
    }

    static String esc(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}

package org.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A workload (or one size of it): what it does, the figures it reports, its peers, its goals. */
final class Workload {
    final String id;
    final String title;
    final String description;
    final List<Metric> metrics;
    /** The metrics that get a bar chart. */
    final List<Metric> charted;
    final List<Case> cases = new ArrayList<>();
    /** Evaluates the goals on the results: one line each, starting MET / MISSED / NOT CHECKED. */
    Function<Workload, List<String>> goals = w -> List.of();
    /** Set when this run did not measure the workload (--only) and kept the figures of an earlier run. */
    String carriedFrom;
    /** Run every JVM of this workload without transparent huge pages ({@link Runner#flags}). */
    boolean smallPages;
    /** Run every JVM of this workload with a pre-touched heap ({@link Runner#PRE_TOUCH}). */
    boolean preTouch;
    /** Runs alternate between the cases (run 1 of each, then run 2...) instead of each case's runs in a row. */
    boolean interleaved;

    Workload(String id, String title, String description, List<Metric> metrics, List<Metric> charted) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.metrics = metrics;
        this.charted = charted;
    }

    Workload add(Case c) {
        cases.add(c);
        return this;
    }

    /** The first measured case of {@code peer} (asyncio4j's default variant comes first). */
    Case find(String peer) {
        for (Case c : cases) {
            if (c.peer.equals(peer) && c.notMeasured == null && !c.runs.isEmpty()) {
                return c;
            }
        }
        return null;
    }

    Double median(String peer, String key) {
        Case c = find(peer);
        if (c == null) {
            return null;
        }
        Stats s = c.stats(key);
        return s == null ? null : s.median();
    }
}

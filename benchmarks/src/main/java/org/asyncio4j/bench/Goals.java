package org.asyncio4j.bench;

import java.util.Locale;

/** Checks of the goals, each one printed as a line starting MET, MISSED or NOT CHECKED. */
final class Goals {
    private Goals() {}

    /** asyncio4j's median of {@code m} at most/at least {@code limit} (by the metric's direction). */
    static String absolute(Workload w, Metric m, double limit, String text) {
        Double a = w.median(Peers.ASYNCIO4J, m.key());
        if (a == null) {
            return "NOT CHECKED: " + text + " (asyncio4j not measured)";
        }
        boolean ok = m.higherIsBetter() ? a >= limit : a <= limit;
        return (ok ? "MET: " : "MISSED: ") + text + ": asyncio4j " + fmt(a / m.scale()) + " " + m.unit();
    }

    /** asyncio4j at least {@code factor} times better than {@code peer} on {@code m}. */
    static String ratio(Workload w, Metric m, String peer, double factor, String text) {
        Double a = w.median(Peers.ASYNCIO4J, m.key());
        Double p = w.median(peer, m.key());
        if (a == null || p == null) {
            return "NOT CHECKED: " + text + " (" + (a == null ? "asyncio4j" : peer) + " not measured: see its row)";
        }
        double adv = m.advantage(a, p);
        return (adv >= factor ? "MET: " : "MISSED: ") + text + ": asyncio4j " + fmt(a / m.scale()) + " vs "
                + fmt(p / m.scale()) + " " + m.unit() + " = " + fmt(adv) + "x";
    }

    /** asyncio4j at least {@code factor} times better than the best other measured peer. */
    static String ratioToBest(Workload w, Metric m, double factor, String text) {
        return ratioToBest(w, w.median(Peers.ASYNCIO4J, m.key()), m, factor, text);
    }

    /** As {@link #ratioToBest(Workload, Metric, double, String)} for asyncio4j's case named {@code variant}. */
    static String ratioToBest(Workload w, String variant, Metric m, double factor, String text) {
        Double a = null;
        for (Case c : w.cases) {
            if (c.isAsyncio4j() && c.variant.equals(variant) && !c.runs.isEmpty() && c.stats(m.key()) != null) {
                a = c.stats(m.key()).median();
            }
        }
        return ratioToBest(w, a, m, factor, text + ", asyncio4j " + variant);
    }

    private static String ratioToBest(Workload w, Double a, Metric m, double factor, String text) {
        String bestPeer = null;
        Double best = null;
        for (Case c : w.cases) {
            if (c.isAsyncio4j() || c.runs.isEmpty()) {
                continue;
            }
            Stats s = c.stats(m.key());
            if (s != null && (best == null || m.advantage(s.median(), best) > 1)) {
                best = s.median();
                bestPeer = c.label();
            }
        }
        if (a == null || best == null) {
            return "NOT CHECKED: " + text + " (not enough peers measured)";
        }
        double adv = m.advantage(a, best);
        return (adv >= factor ? "MET: " : "MISSED: ") + text + ": asyncio4j " + fmt(a / m.scale()) + " vs best peer "
                + bestPeer + " " + fmt(best / m.scale()) + " " + m.unit() + " = " + fmt(adv) + "x";
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

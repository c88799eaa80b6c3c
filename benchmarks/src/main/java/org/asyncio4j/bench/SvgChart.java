package org.asyncio4j.bench;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as a small standalone SVG: one bar per peer at its median, a whisker from
 * min to max. Written by hand because it is forty lines and keeps the module free of a charting
 * library (and of the fonts, AWT and headless set-up those need).
 */
final class SvgChart {
    private SvgChart() {}

    record Bar(String label, Stats stats, boolean highlight) {}

    static String render(String title, Metric m, List<Bar> bars) {
        int rowH = 34;
        int left = 270;
        int width = 860;
        int plotW = width - left - 110;
        int top = 56;
        int height = top + bars.size() * rowH + 30;
        double max = 0;
        for (Bar b : bars) {
            max = Math.max(max, b.stats().max() / m.scale());
        }
        if (max <= 0) {
            max = 1;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"42\" fill=\"#555\">%s (%s), %s is better; bar = median,"
                + " whisker = min..max</text>%n", esc(m.label()), esc(m.unit()), m.higherIsBetter() ? "higher" : "lower"));
        int y = top;
        for (Bar b : bars) {
            double med = b.stats().median() / m.scale();
            double lo = b.stats().min() / m.scale();
            double hi = b.stats().max() / m.scale();
            double w = plotW * med / max;
            String color = b.highlight() ? "#d9480f" : "#4c6ef5";
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    left - 8, y + 19, esc(b.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>%n",
                    left, y + 4, Math.max(w, 1), color));
            double x1 = left + plotW * lo / max;
            double x2 = left + plotW * hi / max;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
                    x1, y + 15, x2, y + 15));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
                    x1, y + 9, x1, y + 21));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
                    x2, y + 9, x2, y + 21));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    Math.max(left + w, x2) + 6, y + 19, esc(Goals.fmt(med))));
            y += rowH;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

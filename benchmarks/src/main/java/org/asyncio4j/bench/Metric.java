package org.asyncio4j.bench;

/**
 * One figure a workload reports: the RESULT key, how to print it ({@code scale} divides the raw
 * value, e.g. bytes to MB), and which direction is better (for the advantage column and goals).
 */
record Metric(String key, String label, String unit, double scale, boolean higherIsBetter) {
    static Metric higher(String key, String label, String unit, double scale) {
        return new Metric(key, label, unit, scale, true);
    }

    static Metric lower(String key, String label, String unit, double scale) {
        return new Metric(key, label, unit, scale, false);
    }

    /** How many times better asyncio4j is than the peer (above 1: asyncio4j better). */
    double advantage(double asyncio4j, double peer) {
        return higherIsBetter ? asyncio4j / peer : peer / asyncio4j;
    }
}

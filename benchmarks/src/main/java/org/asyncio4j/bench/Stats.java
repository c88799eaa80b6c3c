package org.asyncio4j.bench;

import java.util.Arrays;
import java.util.List;

/** Median, min and max of the runs of one metric. */
record Stats(double median, double min, double max, int runs) {
    static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        int n = v.length;
        double med = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Stats(med, v[0], v[n - 1], n);
    }

    @Override
    public String toString() {
        return "median " + median + " [" + min + ", " + max + "] of " + runs + " " + Arrays.asList();
    }
}

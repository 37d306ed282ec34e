package dev.lamina.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Order statistics of a small sample of timings: median, extremes and interquartile range.
 *
 * <p>Quantiles interpolate linearly between order statistics (the usual "type 7" definition, as
 * NumPy's default), so the median of an even-sized sample is the mean of the middle two.
 */
final class TimingStats {

    final int count;
    final double median;
    final double min;
    final double max;
    final double q1;
    final double q3;

    private TimingStats(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        count = sorted.length;
        min = sorted[0];
        max = sorted[sorted.length - 1];
        median = quantile(sorted, 0.5);
        q1 = quantile(sorted, 0.25);
        q3 = quantile(sorted, 0.75);
    }

    /**
     * Summarises the values (not modified).
     *
     * @param values at least one value
     * @return the summary
     */
    static TimingStats of(double[] values) {
        return new TimingStats(values);
    }

    /**
     * The interquartile range.
     *
     * @return {@code q3 - q1}
     */
    double iqr() {
        return q3 - q1;
    }

    /** Quantile {@code p} of an ascending array, interpolating between neighbours. */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * One table row in milliseconds.
     *
     * @param label the row's name
     * @return the formatted row
     */
    String row(String label) {
        return String.format(Locale.ROOT, "%-8s %9.3f %9.3f %9.3f %9.3f  (q1 %.3f, q3 %.3f, n=%d)", label, median, min,
                max, iqr(), q1, q3, count);
    }
}

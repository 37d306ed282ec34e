package dev.lamina.initializers;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Summary statistics of a draw, computed in double precision in Java. */
record Stats(double mean, double variance, double min, double max, long count) {

    static Stats of(INDArray array) {
        double[] v = array.ravel().toDoubleVector();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new Stats(mean, ss / v.length, min, max, v.length);
    }

    /** The fraction of values whose magnitude exceeds {@code bound}. */
    static double fractionBeyond(INDArray array, double bound) {
        double[] v = array.ravel().toDoubleVector();
        long n = 0;
        for (double x : v) {
            if (Math.abs(x) > bound) {
                n++;
            }
        }
        return (double) n / v.length;
    }

    double maxAbs() {
        return Math.max(-min, max);
    }
}

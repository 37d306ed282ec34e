package dev.lamina.metrics;

import dev.lamina.backend.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sample-weighted running mean of per-sample values, as Keras' {@code MeanMetricWrapper}: the
 * last, smaller batch of an epoch counts by its size.
 */
public abstract class SampleMean implements Metric {

    private double total;
    private double count;
    /** The array {@link #values} hands out, reused from batch to batch. */
    private double[] values = new double[0];

    /**
     * The per-sample values of a batch (e.g. 1 where correct, 0 where not).
     *
     * @param yTrue the targets
     * @param yPred the predictions
     * @return a {@code [N]} array
     */
    protected abstract INDArray perSample(INDArray yTrue, INDArray yPred);

    /**
     * The per-sample values of a batch as a Java array. This reads {@link #perSample}; metrics
     * with a cheap Java form override it, since a step's batch is small and each native call
     * costs a dispatch, more than the arithmetic on so few numbers, and a fresh array.
     *
     * @param yTrue the targets
     * @param yPred the predictions
     * @return one value per sample
     */
    protected double[] perSampleValues(INDArray yTrue, INDArray yPred) {
        return HostArrays.doubles(perSample(yTrue, yPred));
    }

    /**
     * An array of {@code n} values for {@link #perSampleValues} to fill and return: the same array
     * from call to call while {@code n} is unchanged, so that counting a batch allocates nothing.
     *
     * @param n the batch's number of samples
     * @return an array of length {@code n}, its contents unspecified
     */
    protected final double[] values(int n) {
        if (values.length != n) {
            values = new double[n];
        }
        return values;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred, INDArray sampleWeights) {
        double[] values = perSampleValues(yTrue, yPred);
        if (sampleWeights == null) {
            for (double v : values) {
                total += v;
            }
            count += values.length;
            return;
        }
        if (sampleWeights.length() != values.length) {
            throw new IllegalArgumentException(name() + ": " + sampleWeights.length() + " sample weights for "
                    + values.length + " samples");
        }
        double[] w = HostArrays.doubles(sampleWeights);
        for (int i = 0; i < values.length; i++) {
            total += values[i] * w[i];
            count += w[i];
        }
    }

    /**
     * Adds a batch's mean value with a weight (the batch size), as Keras tracks the loss.
     *
     * @param value the batch mean
     * @param weight its weight
     */
    public void add(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }
}

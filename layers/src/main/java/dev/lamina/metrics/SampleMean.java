package dev.lamina.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sample-weighted running mean of per-sample values, as Keras' {@code MeanMetricWrapper}: the
 * last, smaller batch of an epoch counts by its size.
 */
public abstract class SampleMean implements Metric {

    private double total;
    private double count;

    /**
     * The per-sample values of a batch (e.g. 1 where correct, 0 where not).
     *
     * @param yTrue the targets
     * @param yPred the predictions
     * @return a {@code [N]} array
     */
    protected abstract INDArray perSample(INDArray yTrue, INDArray yPred);

    @Override
    public void update(INDArray yTrue, INDArray yPred, INDArray sampleWeights) {
        INDArray values = perSample(yTrue, yPred);
        if (sampleWeights == null) {
            total += values.sumNumber().doubleValue();
            count += values.length();
        } else {
            INDArray w = sampleWeights.reshape(values.length()).castTo(values.dataType());
            total += values.mul(w).sumNumber().doubleValue();
            count += w.sumNumber().doubleValue();
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

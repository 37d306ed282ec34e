package dev.lamina.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A Keras metric: accumulates over batches, reports a running result, resets per epoch. */
public interface Metric {

    /** @return the name shown in logs and history, e.g. {@code "accuracy"} */
    String name();

    /**
     * Accumulates one batch.
     *
     * @param yTrue the targets
     * @param yPred the predictions
     * @param sampleWeights per-sample weights, or {@code null}
     */
    void update(INDArray yTrue, INDArray yPred, INDArray sampleWeights);

    /** @return the value over everything accumulated since the last reset */
    double result();

    /** Forgets everything accumulated. */
    void reset();
}

package dev.lamina.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' binary accuracy: the prediction thresholded at 0.5 equals the target, averaged over the last axis. */
public final class BinaryAccuracy extends SampleMean {

    private final String name;
    private final double threshold;

    /** Named {@code "binary_accuracy"}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    /**
     * @param name the name to report
     * @param threshold predictions above it count as 1
     */
    public BinaryAccuracy(String name, double threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected INDArray perSample(INDArray yTrue, INDArray yPred) {
        INDArray p = yPred.gt(threshold).castTo(DataType.DOUBLE);
        INDArray y = yTrue.reshape(yPred.shape()).castTo(DataType.DOUBLE);
        INDArray correct = p.eq(y).castTo(DataType.DOUBLE);
        return correct.rank() > 1 ? correct.mean(correct.rank() - 1).reshape(correct.size(0)) : correct;
    }
}

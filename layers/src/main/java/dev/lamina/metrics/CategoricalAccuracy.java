package dev.lamina.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' categorical accuracy: the predicted class (arg max) equals the one-hot target's. */
public final class CategoricalAccuracy extends SampleMean {

    private final String name;

    /** Named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /**
     * @param name the name to report, e.g. {@code "accuracy"} when compiled as such
     */
    public CategoricalAccuracy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected INDArray perSample(INDArray yTrue, INDArray yPred) {
        return yPred.argMax(1).eq(yTrue.argMax(1)).castTo(DataType.DOUBLE);
    }
}

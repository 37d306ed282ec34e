package dev.lamina.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' sparse categorical accuracy: the predicted class (arg max) equals the integer label. */
public final class SparseCategoricalAccuracy extends SampleMean {

    private final String name;

    /** Named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /**
     * @param name the name to report
     */
    public SparseCategoricalAccuracy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected INDArray perSample(INDArray yTrue, INDArray yPred) {
        INDArray predicted = yPred.argMax(1).castTo(DataType.DOUBLE);
        return predicted.eq(yTrue.reshape(predicted.length()).castTo(DataType.DOUBLE)).castTo(DataType.DOUBLE);
    }
}

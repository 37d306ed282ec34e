package dev.lamina.metrics;

import dev.lamina.core.HostArrays;
import java.util.Arrays;
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

    @Override
    protected double[] perSampleValues(INDArray yTrue, INDArray yPred) {
        int[] predicted = RowArgMax.of(yPred);
        double[] labels = HostArrays.doubles(yTrue);
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + predicted.length
                    + " predictions (labels shape " + Arrays.toString(yTrue.shape()) + ", predictions shape "
                    + Arrays.toString(yPred.shape()) + ")");
        }
        double[] out = new double[predicted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predicted[i] == labels[i] ? 1 : 0;
        }
        return out;
    }
}

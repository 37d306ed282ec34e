package dev.lamina.metrics;

import dev.lamina.backend.HostArrays;
import java.util.Arrays;
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

    @Override
    protected double[] perSampleValues(INDArray yTrue, INDArray yPred) {
        if (yTrue.length() != yPred.length()) {
            throw new IllegalArgumentException(name + ": targets shape " + Arrays.toString(yTrue.shape())
                    + " does not match predictions shape " + Arrays.toString(yPred.shape()));
        }
        INDArray predictions = HostArrays.rowMajorOwned(yPred);
        INDArray targets = HostArrays.rowMajorOwned(yTrue);
        int cols = (int) predictions.size(predictions.rank() - 1);
        double[] out = values((int) (predictions.length() / cols));
        for (int i = 0; i < out.length; i++) {
            out[i] = RowArgMax.ofRow(predictions.data(), i, cols) == RowArgMax.ofRow(targets.data(), i, cols) ? 1 : 0;
        }
        return out;
    }
}

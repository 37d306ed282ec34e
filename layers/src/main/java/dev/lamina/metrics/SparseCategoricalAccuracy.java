package dev.lamina.metrics;

import dev.lamina.backend.HostArrays;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
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
        INDArray predictions = HostArrays.rowMajorOwned(yPred);
        int cols = (int) predictions.size(predictions.rank() - 1);
        long rows = predictions.length() / cols;
        if (yTrue.length() != rows) {
            throw new IllegalArgumentException(name + ": " + yTrue.length() + " labels for " + rows
                    + " predictions (labels shape " + Arrays.toString(yTrue.shape()) + ", predictions shape "
                    + Arrays.toString(yPred.shape()) + ")");
        }
        // Read in place, row by row: Java copies of labels and arg maxes were garbage every step.
        DataBuffer labels = HostArrays.rowMajorOwned(yTrue).data();
        DataBuffer scores = predictions.data();
        double[] out = values((int) rows);
        for (int i = 0; i < out.length; i++) {
            out[i] = RowArgMax.ofRow(scores, i, cols) == labels.getDouble(i) ? 1 : 0;
        }
        return out;
    }
}

package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.HostArrays;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks and label conversions shared by the loss ops. */
final class LossArguments {

    private LossArguments() {
    }

    static void checkDistributions(String op, INDArray predictions, INDArray labels) {
        if (predictions.rank() != 2) {
            throw ShapeChecks.error(op, "predictions must have shape [batch, classes], got " + ShapeChecks.str(predictions));
        }
        if (!Arrays.equals(predictions.shape(), labels.shape())) {
            throw ShapeChecks.error(op, "labels of shape " + ShapeChecks.str(labels) + " do not match predictions of shape "
                    + ShapeChecks.str(predictions) + " (one-hot labels need one column per class)");
        }
    }

    /**
     * One-hot rows for integer class labels of shape {@code [N]} or {@code [N, 1]}.
     *
     * @throws IllegalArgumentException naming the first label outside {@code [0, classes)} and its index
     */
    static INDArray oneHot(String op, INDArray labels, long batch, int classes, DataType type) {
        boolean column = labels.rank() == 2 && labels.size(1) == 1;
        if (!(labels.rank() == 1 || column) || labels.size(0) != batch) {
            throw ShapeChecks.error(op, "sparse labels must have shape [" + batch + "] or [" + batch + ", 1], got "
                    + ShapeChecks.str(labels));
        }
        // A step's labels are a few dozen numbers: checking and scattering them in Java costs less
        // than the native min, max, cast and one-hot calls (and their fresh arrays) it replaces.
        // Read in place, element by element: a Java copy of the labels was garbage every step.
        DataBuffer values = HostArrays.rowMajorOwned(labels).data();
        for (long i = 0; i < batch; i++) {
            double v = values.getDouble(i);
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw ShapeChecks.error(op, "label " + formatLabel(v) + " at index " + i
                        + " is not a class index in [0, " + classes + ")");
            }
        }
        INDArray out = ArrayArena.zeros(type, batch, classes);
        for (long i = 0; i < batch; i++) {
            out.putScalar(i, (long) values.getDouble(i), 1.0);
        }
        return out;
    }

    private static String formatLabel(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

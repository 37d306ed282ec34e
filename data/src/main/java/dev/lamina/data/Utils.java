package dev.lamina.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Keras' data utilities ({@code keras.utils}): one-hot encoding and the validation split. */
public final class Utils {

    private Utils() {
    }

    /**
     * One-hot encodes integer labels, as {@code keras.utils.to_categorical(y, num_classes)}.
     *
     * <p>Labels of shape {@code (N)} or {@code (N, 1)} give {@code (N, numClasses)}; in general a
     * trailing dimension of 1 is dropped and a class dimension appended. Labels may have any
     * numeric type but must hold whole numbers.
     *
     * @param labels class indices, e.g. uint8 {@code (60000)} from {@link Mnist#load()}
     * @param numClasses the number of classes; every label must be in {@code [0, numClasses)}
     * @return float32 one-hot array
     * @throws IllegalArgumentException naming the first label outside {@code [0, numClasses)} (or not
     *     a whole number) and its index
     */
    public static INDArray toCategorical(INDArray labels, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be a positive integer. Received: numClasses="
                    + numClasses);
        }
        double[] values = values(labels);
        long[] shape = outputShape(labels, numClasses);
        float[] out = new float[Math.multiplyExact(values.length, numClasses)];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v < numClasses) || v != Math.rint(v)) {
                throw new IllegalArgumentException("Label " + format(v) + " at index " + i + " is outside [0, "
                        + numClasses + ")" + (v == Math.rint(v) ? "" : " (not a whole number)")
                        + ": to_categorical needs labels 0.." + (numClasses - 1) + ". Received: numClasses="
                        + numClasses);
            }
            out[i * numClasses + (int) v] = 1f;
        }
        return Nd4j.create(out, shape, 'c');
    }

    /**
     * One-hot encodes integer labels with {@code max(labels) + 1} classes, as Keras'
     * {@code to_categorical(y)} without {@code num_classes}.
     *
     * @param labels class indices
     * @return float32 one-hot array
     * @throws IllegalArgumentException for a negative or fractional label
     */
    public static INDArray toCategorical(INDArray labels) {
        double max = -1;
        for (double v : values(labels)) {
            max = Math.max(max, v);
        }
        if (max < 0) {
            throw new IllegalArgumentException("Cannot infer the number of classes from no labels; pass numClasses");
        }
        if (max >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Largest label " + format(max) + " is too large for one-hot encoding");
        }
        return toCategorical(labels, (int) max + 1);
    }

    /**
     * Splits off the <em>last</em> {@code validationFraction} of the rows as validation data, as
     * Keras' {@code fit(validation_split=...)} does (no shuffling; the split point is
     * {@code floor(N * (1 - validationFraction))}). The parts are copies.
     *
     * @param x inputs, first dimension N
     * @param y targets, first dimension N
     * @param validationFraction in (0, 1)
     * @return the four parts
     * @throws IllegalArgumentException for a fraction outside (0, 1), different row counts, or a
     *     split that leaves a part empty
     */
    public static TrainValidationSplit trainValidationSplit(INDArray x, INDArray y, double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1). Received: validationFraction="
                    + validationFraction);
        }
        if (x.rank() == 0 || y.rank() == 0 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("x and y must have the same number of rows. Received: x.shape="
                    + Arrays.toString(x.shape()) + ", y.shape=" + Arrays.toString(y.shape()));
        }
        long n = x.size(0);
        long splitAt = (long) Math.floor(n * (1.0 - validationFraction));
        if (splitAt == 0 || splitAt == n) {
            throw new IllegalArgumentException("Training data contains " + n + " samples, which is not sufficient to"
                    + " split it into a validation and training set as specified by validationFraction="
                    + validationFraction + ". Either provide more data, or a different value for validationFraction.");
        }
        return new TrainValidationSplit(rows(x, 0, splitAt), rows(y, 0, splitAt), rows(x, splitAt, n),
                rows(y, splitAt, n));
    }

    private static INDArray rows(INDArray a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx).dup('c');
    }

    /** The labels' values in c order, as doubles (exact for every integer type up to 2^53). */
    static double[] values(INDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        if (labels.isEmpty()) {
            return new double[0];
        }
        if (!labels.dataType().isNumerical() && labels.dataType() != DataType.BOOL) {
            throw new IllegalArgumentException("Labels must be numeric. Received: dtype=" + labels.dataType());
        }
        return labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static long[] outputShape(INDArray labels, int numClasses) {
        long[] in = labels.shape();
        int keep = in.length;
        if (keep > 1 && in[keep - 1] == 1) {
            keep--;
        }
        if (keep == 0) {
            return new long[] {1, numClasses};
        }
        long[] out = Arrays.copyOf(in, keep + 1);
        out[keep] = numClasses;
        return out;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

package dev.lamina.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts of (true class, predicted class) pairs, laid out as scikit-learn's
 * {@code confusion_matrix}: row {@code i} is the true class, column {@code j} the predicted one.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(yTest, model.predict(xTest).argMax(1), 10);
 * long missed = cm.get(3, 5);   // cats predicted as dogs
 * System.out.println(cm);
 * }</pre>
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /**
     * Counts the pairs of labels.
     *
     * @param yTrue true class indices, shape {@code (N)} or {@code (N, 1)}, any numeric type
     * @param yPred predicted class indices, same form and length
     * @param numClasses the number of classes; every label must lie in {@code [0, numClasses)}
     * @return the matrix, {@code numClasses × numClasses}
     * @throws IllegalArgumentException on shapes, lengths or labels that do not fit
     */
    public static ConfusionMatrix of(INDArray yTrue, INDArray yPred, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive. Received: numClasses=" + numClasses);
        }
        long[] t = classIndices(yTrue, "yTrue");
        long[] p = classIndices(yPred, "yPred");
        requireSameLength(t, p);
        long[][] counts = new long[numClasses][numClasses];
        for (int i = 0; i < t.length; i++) {
            counts[checkRange(t[i], numClasses, "yTrue")][checkRange(p[i], numClasses, "yPred")]++;
        }
        return new ConfusionMatrix(counts);
    }

    /**
     * Counts the pairs of labels, with as many classes as the largest label + 1.
     *
     * @param yTrue true class indices, shape {@code (N)} or {@code (N, 1)}
     * @param yPred predicted class indices, same form and length
     * @return the matrix
     * @throws IllegalArgumentException on shapes or lengths that do not fit, or negative labels
     */
    public static ConfusionMatrix of(INDArray yTrue, INDArray yPred) {
        long[] t = classIndices(yTrue, "yTrue");
        long[] p = classIndices(yPred, "yPred");
        long max = Math.max(Arrays.stream(t).max().orElse(0), Arrays.stream(p).max().orElse(0));
        return of(yTrue, yPred, Math.toIntExact(max + 1));
    }

    /** @return the number of classes (rows and columns) */
    public int numClasses() {
        return counts.length;
    }

    /**
     * One count.
     *
     * @param trueClass the row
     * @param predictedClass the column
     * @return how many samples of {@code trueClass} were predicted as {@code predictedClass}
     */
    public long get(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** @return the number of samples counted */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** @return a copy of the counts, {@code [true][predicted]} */
    public long[][] toArray() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /**
     * The counts as a table: a header of predicted classes, one row per true class, every column
     * right-aligned to the widest entry.
     *
     * @return the table, one line per true class after the header
     */
    @Override
    public String toString() {
        String corner = "true\\pred";
        int width = Long.toString(counts.length - 1).length();
        for (long[] row : counts) {
            for (long c : row) {
                width = Math.max(width, Long.toString(c).length());
            }
        }
        StringBuilder sb = new StringBuilder(corner);
        for (int j = 0; j < counts.length; j++) {
            sb.append(' ').append(pad(Integer.toString(j), width));
        }
        sb.append('\n');
        for (int i = 0; i < counts.length; i++) {
            sb.append(pad(Integer.toString(i), corner.length()));
            for (long c : counts[i]) {
                sb.append(' ').append(pad(Long.toString(c), width));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private static int checkRange(long label, int numClasses, String what) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(what + " holds the label " + label + ", outside [0, " + numClasses
                    + ") for numClasses=" + numClasses);
        }
        return (int) label;
    }

    static void requireSameLength(long[] yTrue, long[] yPred) {
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("yTrue and yPred must have the same length. Received: yTrue has "
                    + yTrue.length + " labels, yPred has " + yPred.length);
        }
    }

    /**
     * Integer class labels from a vector {@code (N)} or a column {@code (N, 1)} of any numeric type.
     * Probabilities or one-hot rows are refused rather than guessed at, since silently taking an
     * arg max would hide a mistake in the caller's pipeline.
     */
    static long[] classIndices(INDArray labels, String what) {
        if (labels == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        long[] shape = labels.shape();
        boolean vector = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!vector) {
            String hint = shape.length == 2 ? "; for probabilities or one-hot rows pass " + what + ".argMax(1)" : "";
            throw new IllegalArgumentException(what + " must hold class indices of shape (N) or (N, 1). "
                    + "Received: shape=" + Arrays.toString(shape) + hint);
        }
        double[] values = labels.castTo(DataType.DOUBLE).reshape(labels.length()).toDoubleVector();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " must hold integer class indices. Received: " + v
                        + " at position " + i);
            }
            out[i] = (long) v;
        }
        return out;
    }
}

package dev.lamina.data;

import java.util.Arrays;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binarizes integer labels one-vs-all, as scikit-learn's {@code LabelBinarizer}: {@link #fit}
 * finds the sorted distinct classes, {@link #transform} one-hot encodes by position in that list,
 * {@link #inverseTransform} maps scores or one-hot rows back to labels.
 *
 * <pre>{@code
 * LabelBinarizer lb = new LabelBinarizer();
 * INDArray yTrain = lb.fitTransform(train.labels());   // Sign-MNIST: 24 columns (label 9 is absent)
 * INDArray yTest = lb.transform(test.labels());
 * INDArray predicted = lb.inverseTransform(model.predict(xTest));
 * }</pre>
 *
 * <p>As in scikit-learn, two classes give a single column (1 for the larger class) and one class a
 * column of zeros. Unlike scikit-learn, a label not seen by {@code fit} is an error rather than a
 * row of zeros. Output is float32, ready for training.
 */
public final class LabelBinarizer {

    private long[] classes;

    /** Creates an unfitted binarizer. */
    public LabelBinarizer() {
    }

    /**
     * Learns the classes: the distinct label values, sorted.
     *
     * @param labels whole-number labels, shape (N) or (N, 1), any numeric type
     * @return this binarizer
     * @throws IllegalArgumentException for no labels or a fractional label
     */
    public LabelBinarizer fit(INDArray labels) {
        double[] v = checkedValues(labels);
        if (v.length == 0) {
            throw new IllegalArgumentException("LabelBinarizer.fit needs at least one label");
        }
        TreeSet<Long> set = new TreeSet<>();
        for (int i = 0; i < v.length; i++) {
            set.add(whole(v[i], i));
        }
        classes = set.stream().mapToLong(Long::longValue).toArray();
        return this;
    }

    /**
     * One-hot encodes labels by the position of each label in {@link #classes()}.
     *
     * @param labels labels seen by {@code fit}, shape (N) or (N, 1)
     * @return float32 {@code (N, numClasses)}, or {@code (N, 1)} for one or two classes
     * @throws IllegalStateException before {@code fit}
     * @throws IllegalArgumentException naming a label that {@code fit} did not see and its index
     */
    public INDArray transform(INDArray labels) {
        requireFitted();
        double[] v = checkedValues(labels);
        int k = classes.length;
        int cols = k <= 2 ? 1 : k;
        float[] out = new float[Math.multiplyExact(v.length, cols)];
        for (int i = 0; i < v.length; i++) {
            long label = whole(v[i], i);
            int pos = Arrays.binarySearch(classes, label);
            if (pos < 0) {
                throw new IllegalArgumentException("Label " + label + " at index " + i
                        + " was not seen by fit; known classes: " + Arrays.toString(classes));
            }
            if (k > 2) {
                out[i * cols + pos] = 1f;
            } else if (k == 2 && pos == 1) {
                out[i] = 1f;
            }
        }
        return Nd4j.create(out, new long[] {v.length, cols}, 'c');
    }

    /**
     * {@link #fit} then {@link #transform} on the same labels.
     *
     * @param labels whole-number labels
     * @return float32 one-hot array
     */
    public INDArray fitTransform(INDArray labels) {
        return fit(labels).transform(labels);
    }

    /**
     * Maps rows of scores (probabilities, logits or one-hot) back to labels: the class with the
     * largest score, or for a single binary column the larger class where the score exceeds 0.5.
     *
     * @param scores {@code (N, numClasses)}, or {@code (N, 1)} / {@code (N)} for two classes
     * @return int64 labels {@code (N)}
     * @throws IllegalStateException before {@code fit}
     * @throws IllegalArgumentException when the number of columns does not match the classes
     */
    public INDArray inverseTransform(INDArray scores) {
        requireFitted();
        int k = classes.length;
        if (k <= 2) {
            if (!(scores.rank() == 1 || (scores.rank() == 2 && scores.size(1) == 1))) {
                throw new IllegalArgumentException("Expected scores of shape (N, 1) for " + k
                        + " classes. Received: shape=" + Arrays.toString(scores.shape()));
            }
            double[] s = Utils.values(scores);
            long[] out = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = k == 2 && s[i] > 0.5 ? classes[1] : classes[0];
            }
            return Nd4j.createFromArray(out);
        }
        if (scores.rank() != 2 || scores.size(1) != k) {
            throw new IllegalArgumentException("Expected scores of shape (N, " + k + ") for " + k
                    + " classes. Received: shape=" + Arrays.toString(scores.shape()));
        }
        long[] positions = scores.argMax(1).castTo(DataType.INT64).dup('c').data().asLong();
        long[] out = new long[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = classes[(int) positions[i]];
        }
        return Nd4j.createFromArray(out);
    }

    /**
     * The classes learned by {@code fit}, sorted.
     *
     * @return a copy of the class labels
     * @throws IllegalStateException before {@code fit}
     */
    public long[] classes() {
        requireFitted();
        return classes.clone();
    }

    /**
     * The number of classes learned by {@code fit}.
     *
     * @return the number of distinct labels
     */
    public int numClasses() {
        requireFitted();
        return classes.length;
    }

    private void requireFitted() {
        if (classes == null) {
            throw new IllegalStateException("This LabelBinarizer is not fitted yet; call fit(labels) first");
        }
    }

    private static double[] checkedValues(INDArray labels) {
        if (labels == null || !(labels.rank() == 1 || (labels.rank() == 2 && labels.size(1) == 1))) {
            throw new IllegalArgumentException("Expected labels of shape (N) or (N, 1). Received: shape="
                    + (labels == null ? null : Arrays.toString(labels.shape())));
        }
        return Utils.values(labels);
    }

    private static long whole(double v, int index) {
        if (v != Math.rint(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Label " + v + " at index " + index + " is not a whole number");
        }
        return (long) v;
    }

    @Override
    public String toString() {
        return "LabelBinarizer[classes=" + (classes == null ? "not fitted" : Arrays.toString(classes)) + "]";
    }
}

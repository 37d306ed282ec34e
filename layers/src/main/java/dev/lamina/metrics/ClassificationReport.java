package dev.lamina.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Precision, recall, F1 and support per class, with accuracy and the macro and weighted averages,
 * as scikit-learn's {@code classification_report}: same values (a class without predictions or
 * without samples scores 0.0, as sklearn's default {@code zero_division="warn"}) and the same text.
 *
 * <pre>{@code
 * System.out.println(ClassificationReport.of(yTest, model.predict(xTest).argMax(1), labelNames));
 * }</pre>
 *
 * <p>The classes are the labels found in either array, sorted (as sklearn), or — when names are
 * given — the indices {@code 0 .. names.size() - 1}, so a class never predicted and never seen
 * still gets its row.
 */
public final class ClassificationReport {

    /**
     * One averaged row of the report.
     *
     * @param precision the averaged precision
     * @param recall the averaged recall
     * @param f1 the averaged F1 score
     * @param support the number of samples
     */
    public record Average(double precision, double recall, double f1, long support) {
    }

    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};

    private final long[] labels;
    private final List<String> names;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final long[] support;
    private final double accuracy;
    private final int digits;

    private ClassificationReport(long[] labels, List<String> names, double[] precision, double[] recall, double[] f1,
            long[] support, double accuracy, int digits) {
        this.labels = labels;
        this.names = names;
        this.precision = precision;
        this.recall = recall;
        this.f1 = f1;
        this.support = support;
        this.accuracy = accuracy;
        this.digits = digits;
    }

    /**
     * The report for class indices, classes named by their index.
     *
     * @param yTrue true class indices, shape {@code (N)} or {@code (N, 1)}, any numeric type
     * @param yPred predicted class indices, same form and length
     * @return the report
     */
    public static ClassificationReport of(INDArray yTrue, INDArray yPred) {
        return of(yTrue, yPred, null);
    }

    /**
     * The report for class indices.
     *
     * @param yTrue true class indices, shape {@code (N)} or {@code (N, 1)}, any numeric type
     * @param yPred predicted class indices, same form and length
     * @param labelNames the name of class {@code i} at position {@code i}, or {@code null} to name
     *     the classes found in the data by their index
     * @return the report
     * @throws IllegalArgumentException on empty or mismatched inputs, or a label without a name
     */
    public static ClassificationReport of(INDArray yTrue, INDArray yPred, List<String> labelNames) {
        long[] t = ConfusionMatrix.classIndices(yTrue, "yTrue");
        long[] p = ConfusionMatrix.classIndices(yPred, "yPred");
        ConfusionMatrix.requireSameLength(t, p);
        if (t.length == 0) {
            throw new IllegalArgumentException("A classification report needs at least one sample");
        }
        long[] labels;
        List<String> names = new ArrayList<>();
        if (labelNames == null) {
            TreeSet<Long> found = new TreeSet<>();
            for (int i = 0; i < t.length; i++) {
                found.add(t[i]);
                found.add(p[i]);
            }
            labels = found.stream().mapToLong(Long::longValue).toArray();
            for (long l : labels) {
                names.add(Long.toString(l));
            }
        } else {
            labels = new long[labelNames.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i;
                names.add(String.valueOf(labelNames.get(i)));
            }
            requireNamed(t, labels.length, "yTrue");
            requireNamed(p, labels.length, "yPred");
        }
        return compute(t, p, labels, names);
    }

    private static void requireNamed(long[] values, int count, String what) {
        for (long v : values) {
            if (v < 0 || v >= count) {
                throw new IllegalArgumentException(what + " holds the label " + v + ", but labelNames has only " + count
                        + " names (for the labels 0.." + (count - 1) + ")");
            }
        }
    }

    private static ClassificationReport compute(long[] t, long[] p, long[] labels, List<String> names) {
        int k = labels.length;
        long[] tp = new long[k];
        long[] predicted = new long[k];
        long[] actual = new long[k];
        long correct = 0;
        for (int i = 0; i < t.length; i++) {
            int ti = indexOf(labels, t[i]);
            int pi = indexOf(labels, p[i]);
            actual[ti]++;
            predicted[pi]++;
            if (t[i] == p[i]) {
                tp[ti]++;
                correct++;
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            precision[c] = ratio(tp[c], predicted[c]);
            recall[c] = ratio(tp[c], actual[c]);
            // sklearn (>= 1.3) computes F1 from the counts, 2tp / (2tp + fp + fn), not from P and R.
            f1[c] = ratio(2 * tp[c], 2 * tp[c] + (predicted[c] - tp[c]) + (actual[c] - tp[c]));
        }
        return new ClassificationReport(labels, List.copyOf(names), precision, recall, f1, actual,
                (double) correct / t.length, 2);
    }

    private static int indexOf(long[] sorted, long label) {
        return Arrays.binarySearch(sorted, label);
    }

    /** A ratio whose zero denominator gives 0.0, as sklearn's default zero_division. */
    private static double ratio(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }

    /**
     * The same report printed with another number of decimals (sklearn's {@code digits}, default 2).
     *
     * @param digits decimals, at least 0
     * @return a report that prints with {@code digits} decimals
     */
    public ClassificationReport digits(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be >= 0. Received: digits=" + digits);
        }
        return new ClassificationReport(labels, names, precision, recall, f1, support, accuracy, digits);
    }

    /** @return the class labels, in row order */
    public long[] labels() {
        return labels.clone();
    }

    /** @return the row names, in row order */
    public List<String> labelNames() {
        return names;
    }

    /**
     * @param cls a class label (with names, the class index)
     * @return its precision: correct predictions of the class over all predictions of it
     */
    public double precision(int cls) {
        return precision[row(cls)];
    }

    /**
     * @param cls a class label (with names, the class index)
     * @return its recall: correct predictions of the class over its samples
     */
    public double recall(int cls) {
        return recall[row(cls)];
    }

    /**
     * @param cls a class label (with names, the class index)
     * @return its F1 score, the harmonic mean of precision and recall
     */
    public double f1(int cls) {
        return f1[row(cls)];
    }

    /**
     * @param cls a class label (with names, the class index)
     * @return its number of true samples
     */
    public long support(int cls) {
        return support[row(cls)];
    }

    /** @return the fraction of samples predicted correctly */
    public double accuracy() {
        return accuracy;
    }

    /** @return the unweighted mean over classes of precision, recall and F1, with the total support */
    public Average macroAvg() {
        return new Average(mean(precision), mean(recall), mean(f1), totalSupport());
    }

    /** @return the support-weighted mean over classes of precision, recall and F1, with the total support */
    public Average weightedAvg() {
        return new Average(weighted(precision), weighted(recall), weighted(f1), totalSupport());
    }

    private int row(int cls) {
        int r = indexOf(labels, cls);
        if (r < 0) {
            throw new IllegalArgumentException("No class " + cls + " in this report; its classes are "
                    + Arrays.toString(labels));
        }
        return r;
    }

    private long totalSupport() {
        long s = 0;
        for (long v : support) {
            s += v;
        }
        return s;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private double weighted(double[] v) {
        long total = totalSupport();
        if (total == 0) {
            return 0.0;
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * support[i];
        }
        return s / total;
    }

    /**
     * The report as sklearn prints it: a header line, a blank line, one row per class, a blank
     * line, then the {@code accuracy}, {@code macro avg} and {@code weighted avg} rows, columns
     * right-aligned to 9 characters after a name column as wide as the longest name or
     * {@code "weighted avg"}.
     *
     * @return the report text, ending with a newline
     */
    @Override
    public String toString() {
        int width = "weighted avg".length();
        for (String n : names) {
            width = Math.max(width, n.length());
        }
        width = Math.max(width, digits);
        StringBuilder sb = new StringBuilder(right("", width)).append(' ');
        for (String h : HEADERS) {
            sb.append(' ').append(right(h, 9));
        }
        sb.append("\n\n");
        for (int i = 0; i < labels.length; i++) {
            row(sb, names.get(i), width, precision[i], recall[i], f1[i], support[i]);
        }
        sb.append('\n');
        long total = totalSupport();
        // sklearn prints the accuracy row with blank precision and recall cells.
        sb.append(right("accuracy", width)).append(' ').append(' ').append(right("", 9)).append(' ')
                .append(right("", 9)).append(' ').append(right(format(accuracy), 9)).append(' ')
                .append(right(Long.toString(total), 9)).append('\n');
        Average m = macroAvg();
        row(sb, "macro avg", width, m.precision(), m.recall(), m.f1(), m.support());
        Average w = weightedAvg();
        row(sb, "weighted avg", width, w.precision(), w.recall(), w.f1(), w.support());
        return sb.toString();
    }

    private void row(StringBuilder sb, String name, int width, double p, double r, double f, long s) {
        sb.append(right(name, width)).append(' ');
        for (double v : new double[] {p, r, f}) {
            sb.append(' ').append(right(format(v), 9));
        }
        sb.append(' ').append(right(Long.toString(s), 9)).append('\n');
    }

    /**
     * Python's {@code format(v, ".2f")}: the exact binary value rounded half-even, which differs
     * from {@code String.format} (half-up) on ties such as 0.125.
     */
    private String format(double v) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}

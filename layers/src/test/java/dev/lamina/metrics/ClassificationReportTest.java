package dev.lamina.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassificationReportTest {

    private static final double EPS = 1e-12;

    static INDArray labels(DataType type, int... values) {
        return Nd4j.createFromArray(values).castTo(type);
    }

    /*
     * Hand-computed case, 3 classes, 10 samples:
     *   yTrue = 0 0 0 0 1 1 1 2 2 2
     *   yPred = 0 0 1 2 1 1 0 2 2 1
     * Confusion (rows true): [2 1 1] [1 2 0] [0 1 2]; predicted per class (column sums) 3 4 3.
     *   class 0: tp 2, predicted 3, support 4: P 2/3, R 2/4, F1 2*2/(4+1+2) = 4/7
     *   class 1: tp 2, predicted 4, support 3: P 2/4, R 2/3, F1 4/(4+2+1) = 4/7
     *   class 2: tp 2, predicted 3, support 3: P 2/3, R 2/3, F1 4/(4+1+1) = 2/3
     *   accuracy 6/10
     *   macro:    P (2/3+1/2+2/3)/3 = 11/18, R (1/2+2/3+2/3)/3 = 11/18, F1 (4/7+4/7+2/3)/3 = 38/63
     *   weighted: P (4*2/3+3*1/2+3*2/3)/10 = 37/60, R (4*1/2+3*2/3+3*2/3)/10 = 6/10,
     *             F1 (4*4/7+3*4/7+3*2/3)/10 = 6/10
     */
    static final int[] TRUE = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PRED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

    @Test
    void valuesMatchTheHandComputedCase() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT64, TRUE), labels(DataType.INT64, PRED),
                null);
        assertThat(r.labels()).containsExactly(0, 1, 2);
        assertThat(r.labelNames()).containsExactly("0", "1", "2");
        assertThat(r.precision(0)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.recall(0)).isCloseTo(0.5, within(EPS));
        assertThat(r.f1(0)).isCloseTo(4.0 / 7, within(EPS));
        assertThat(r.support(0)).isEqualTo(4);
        assertThat(r.precision(1)).isCloseTo(0.5, within(EPS));
        assertThat(r.recall(1)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.f1(1)).isCloseTo(4.0 / 7, within(EPS));
        assertThat(r.support(1)).isEqualTo(3);
        assertThat(r.precision(2)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.recall(2)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.f1(2)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.support(2)).isEqualTo(3);
        assertThat(r.accuracy()).isCloseTo(0.6, within(EPS));
        ClassificationReport.Average m = r.macroAvg();
        assertThat(m.precision()).isCloseTo(11.0 / 18, within(EPS));
        assertThat(m.recall()).isCloseTo(11.0 / 18, within(EPS));
        assertThat(m.f1()).isCloseTo(38.0 / 63, within(EPS));
        assertThat(m.support()).isEqualTo(10);
        ClassificationReport.Average w = r.weightedAvg();
        assertThat(w.precision()).isCloseTo(37.0 / 60, within(EPS));
        assertThat(w.recall()).isCloseTo(0.6, within(EPS));
        assertThat(w.f1()).isCloseTo(0.6, within(EPS));
        assertThat(w.support()).isEqualTo(10);
    }

    /*
     * sklearn's format: name column width = max(len(longest name), len("weighted avg") = 12, digits);
     * header "{:>12s} " + " {:>9}" * 4, a blank line; rows "{:>12s} " + " {:>9.2f}" * 3 + " {:>9}";
     * a blank line; "accuracy" with two empty 9-wide cells, then the f1 column (accuracy) and support.
     */
    @Test
    void textIsSklearnsLayout() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT32, TRUE), labels(DataType.INT32, PRED),
                List.of("cat", "dog", "bird"));
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "         cat       0.67      0.50      0.57         4\n"
                + "         dog       0.50      0.67      0.57         3\n"
                + "        bird       0.67      0.67      0.67         3\n"
                + "\n"
                + "    accuracy                           0.60        10\n"
                + "   macro avg       0.61      0.61      0.60        10\n"
                + "weighted avg       0.62      0.60      0.60        10\n";
        assertThat(r.toString()).isEqualTo(expected);
    }

    /** The example of sklearn's classification_report documentation, printed text copied verbatim. */
    @Test
    void sklearnDocumentationExample() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT64, 0, 1, 2, 2, 2),
                labels(DataType.INT64, 0, 0, 2, 2, 1), List.of("class 0", "class 1", "class 2"));
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "     class 0       0.50      1.00      0.67         1\n"
                + "     class 1       0.00      0.00      0.00         1\n"
                + "     class 2       1.00      0.67      0.80         3\n"
                + "\n"
                + "    accuracy                           0.60         5\n"
                + "   macro avg       0.50      0.56      0.49         5\n"
                + "weighted avg       0.70      0.60      0.61         5\n";
        assertThat(r.toString()).isEqualTo(expected);
    }

    @Test
    void longNamesWidenTheFirstColumnAndDigitsChangeDecimals() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT64, TRUE), labels(DataType.INT64, PRED),
                List.of("airplane (jet)", "b", "c")).digits(4);
        String[] lines = r.toString().split("\n");
        // width 14 = len("airplane (jet)") > len("weighted avg")
        assertThat(lines[0]).isEqualTo(" ".repeat(15) + " precision    recall  f1-score   support");
        assertThat(lines[2]).isEqualTo("airplane (jet)     0.6667    0.5000    0.5714         4");
        assertThat(lines[6]).isEqualTo("      accuracy                         0.6000        10");
        assertThat(lines[8]).isEqualTo("  weighted avg     0.6167    0.6000    0.6000        10");
    }

    /*
     * Python formats the exact binary value half-to-even: format(0.125, ".2f") == "0.12" while Java's
     * String.format gives "0.13". Here class 0 is predicted 8 times, right once: precision 1/8.
     * Class 1 is never predicted: precision 0/0 -> 0.0 (sklearn's default zero_division), recall
     * 0/7 = 0, F1 0/(0+0+7) = 0. Class 0: recall 1/1, F1 2/(2+7+0) = 0.2222.
     */
    @Test
    void roundsLikePythonAndScoresZeroDivisionAsZero() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT64, 0, 1, 1, 1, 1, 1, 1, 1),
                labels(DataType.INT64, 0, 0, 0, 0, 0, 0, 0, 0), null);
        assertThat(r.precision(0)).isEqualTo(0.125);
        assertThat(r.precision(1)).isZero();
        assertThat(r.recall(1)).isZero();
        assertThat(r.f1(1)).isZero();
        assertThat(r.toString().split("\n")[2]).isEqualTo("           0       0.12      1.00      0.22         1");
        assertThat(r.toString().split("\n")[3]).isEqualTo("           1       0.00      0.00      0.00         7");
    }

    @Test
    void classesAreTheUnionOfLabelsWithoutNames() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT64, 1, 3, 3),
                labels(DataType.INT64, 3, 5, 3), null);
        assertThat(r.labels()).containsExactly(1, 3, 5);
        assertThat(r.labelNames()).containsExactly("1", "3", "5");
        assertThat(r.support(5)).isZero();
        assertThat(r.precision(5)).isZero();
        assertThat(r.precision(3)).isEqualTo(0.5);
        assertThat(r.recall(3)).isEqualTo(0.5);
        assertThatThrownBy(() -> r.precision(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No class 2");
    }

    /* With names, every named class has a row, even one never seen: it counts 0 in the macro average. */
    @Test
    void namesGiveEveryClassARow() {
        ClassificationReport r = ClassificationReport.of(labels(DataType.INT64, 0, 1), labels(DataType.INT64, 0, 1),
                List.of("a", "b", "c", "d"));
        assertThat(r.labels()).containsExactly(0, 1, 2, 3);
        assertThat(r.support(3)).isZero();
        assertThat(r.macroAvg().precision()).isEqualTo(0.5);
        assertThat(r.weightedAvg().precision()).isEqualTo(1.0);
        assertThat(r.toString()).contains("           d       0.00      0.00      0.00         0\n");
    }

    @Test
    void acceptsColumnsAndAnyNumericType() {
        INDArray yTrue = labels(DataType.UINT8, TRUE).reshape(10, 1);
        INDArray yPred = labels(DataType.FLOAT, PRED);
        ClassificationReport r = ClassificationReport.of(yTrue, yPred, null);
        assertThat(r.accuracy()).isCloseTo(0.6, within(EPS));
        assertThat(r.support(0)).isEqualTo(4);
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        INDArray probs = Nd4j.rand(DataType.FLOAT, 10, 3);
        assertThatThrownBy(() -> ClassificationReport.of(labels(DataType.INT64, TRUE), probs, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argMax(1)");
        assertThatThrownBy(() -> ClassificationReport.of(labels(DataType.INT64, 0, 1), labels(DataType.INT64, 0), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> ClassificationReport.of(Nd4j.createFromArray(0.5, 1.0), labels(DataType.INT64, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> ClassificationReport.of(labels(DataType.INT64, 0, 3), labels(DataType.INT64, 0, 1),
                List.of("a", "b"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
        assertThatThrownBy(() -> ClassificationReport.of(labels(DataType.INT64, TRUE), labels(DataType.INT64, PRED))
                .digits(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

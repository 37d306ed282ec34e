package dev.lamina.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ConfusionMatrixTest {

    /* The report test's case: rows (true) [2 1 1] [1 2 0] [0 1 2]. */
    @Test
    void countsTruePredictedPairsRowsTrue() {
        ConfusionMatrix cm = ConfusionMatrix.of(ClassificationReportTest.labels(DataType.INT64,
                ClassificationReportTest.TRUE), ClassificationReportTest.labels(DataType.FLOAT,
                ClassificationReportTest.PRED), 3);
        assertThat(cm.toArray()).isDeepEqualTo(new long[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}});
        assertThat(cm.get(0, 2)).isEqualTo(1);
        assertThat(cm.get(2, 0)).isZero();
        assertThat(cm.numClasses()).isEqualTo(3);
        assertThat(cm.total()).isEqualTo(10);
        assertThat(cm.toString()).isEqualTo(""
                + "true\\pred 0 1 2\n"
                + "        0 2 1 1\n"
                + "        1 1 2 0\n"
                + "        2 0 1 2\n");
    }

    @Test
    void columnsWidenToTheLargestCountAndUnseenClassesAreZero() {
        int[] t = new int[12];
        int[] p = new int[12];
        p[11] = 1;
        ConfusionMatrix cm = ConfusionMatrix.of(Nd4j.createFromArray(t).reshape(12, 1), Nd4j.createFromArray(p), 3);
        assertThat(cm.toString()).isEqualTo(""
                + "true\\pred  0  1  2\n"
                + "        0 11  1  0\n"
                + "        1  0  0  0\n"
                + "        2  0  0  0\n");
        long[][] copy = cm.toArray();
        copy[0][0] = 99;
        assertThat(cm.get(0, 0)).isEqualTo(11);
    }

    @Test
    void infersTheNumberOfClassesAndRejectsLabelsOutOfRange() {
        ConfusionMatrix cm = ConfusionMatrix.of(Nd4j.createFromArray(0, 4), Nd4j.createFromArray(1, 4));
        assertThat(cm.numClasses()).isEqualTo(5);
        assertThat(cm.get(4, 4)).isEqualTo(1);
        assertThatThrownBy(() -> ConfusionMatrix.of(Nd4j.createFromArray(0, 3), Nd4j.createFromArray(0, 1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
        assertThatThrownBy(() -> ConfusionMatrix.of(Nd4j.createFromArray(0), Nd4j.createFromArray(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numClasses");
    }
}

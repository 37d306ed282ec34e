package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.ArrayBatchSource;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** validationData is checked against the model before the first training step. */
class ValidationDataTest {

    private final Sequential model = new Sequential(new Flatten().inputShape(4, 4, 1), new Dense(3).activation("softmax"));

    private static INDArray x(long n) {
        return Nd4j.rand(DataType.FLOAT, n, 4, 4, 1);
    }

    private static INDArray labels(long n, int top) {
        INDArray y = Nd4j.create(DataType.INT, n);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % (top + 1));
        }
        return y;
    }

    private static INDArray oneHot(long n, int width) {
        INDArray y = Nd4j.create(DataType.FLOAT, n, width);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % width, 1);
        }
        return y;
    }

    private static FitOptions options(INDArray vx, INDArray vy) {
        return FitOptions.epochs(1).batchSize(4).verbose(0).validationData(vx, vy);
    }

    /** Fails with the message, and before any weight changed. */
    private void failsUntrained(ThrowingCallable fit, String... message) {
        List<INDArray> before = model.getWeights().stream().map(INDArray::dup).toList();
        var thrown = assertThatThrownBy(fit).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid validation_data: ");
        for (String m : message) {
            thrown.hasMessageContaining(m);
        }
        assertThat(model.getWeights()).isEqualTo(before);
    }

    @Test
    void anInputShapeTheModelDoesNotTakeFailsBeforeTraining() {
        model.compile("sgd", "sparse_categorical_crossentropy");
        failsUntrained(() -> model.fit(x(8), labels(8, 2), options(Nd4j.rand(DataType.FLOAT, 6, 5, 5, 1), labels(6, 2))),
                "expected shape=(None, 4, 4, 1), found shape=(6, 5, 5, 1)");
    }

    @Test
    void xAndYOfDifferentLengthsFailBeforeTraining() {
        model.compile("sgd", "sparse_categorical_crossentropy");
        failsUntrained(() -> model.fit(x(8), labels(8, 2), options(x(6), labels(5, 2))),
                "Data cardinality is ambiguous: x sizes: 6, y sizes: 5");
    }

    @Test
    void aSparseLabelOutsideTheOutputsUnitsFailsBeforeTraining() {
        model.compile("sgd", "sparse_categorical_crossentropy");
        failsUntrained(() -> model.fit(x(8), labels(8, 2), options(x(6), labels(6, 3))),
                "Received a label value of 3 which is outside the valid range of [0, 3)", "sample 3");
    }

    @Test
    void oneHotTargetsOfAnotherWidthFailBeforeTraining() {
        model.compile("sgd", "categorical_crossentropy");
        failsUntrained(() -> model.fit(x(8), oneHot(8, 3), options(x(6), oneHot(6, 4))),
                "target.shape=(None, 4), output.shape=(None, 3)");
    }

    @Test
    void aBatchSourceIsCheckedAgainstArrayValidationDataToo() {
        model.compile("sgd", "sparse_categorical_crossentropy");
        failsUntrained(() -> model.fit(new ArrayBatchSource(x(8), labels(8, 2), 4), options(x(6), labels(6, 5))),
                "outside the valid range of [0, 3)");
    }

    @Test
    void trainingLabelsOutsideTheRangeFailBeforeTheFirstStepToo() {
        model.compile("sgd", "sparse_categorical_crossentropy");
        List<INDArray> before = model.getWeights().stream().map(INDArray::dup).toList();
        INDArray y = labels(8, 2);
        y.putScalar(7, 7);
        assertThatThrownBy(() -> model.fit(x(8), y, FitOptions.epochs(1).batchSize(4).verbose(0)))
                .hasMessageContaining("Received a label value of 7 which is outside the valid range of [0, 3)")
                .hasMessageContaining("sample 7");
        assertThat(model.getWeights()).isEqualTo(before);
    }
}

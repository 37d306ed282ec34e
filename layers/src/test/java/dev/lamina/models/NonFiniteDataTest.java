package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.layers.Dense;
import dev.lamina.layers.Weight;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NonFiniteDataTest {

    private static Sequential model() {
        Sequential m = new Sequential(new Dense(2).inputShape(3));
        m.compile("sgd", "mse");
        return m;
    }

    private static INDArray x() {
        return Nd4j.rand(DataType.FLOAT, 16, 3);
    }

    private static FitOptions options() {
        return FitOptions.epochs(2).batchSize(4).shuffle(false).verbose(0);
    }

    @Test
    void aNaNInTheInputsIsReportedWithItsBatchAndSample() {
        INDArray x = x();
        x.putScalar(9, 2, Double.NaN);
        assertThatThrownBy(() -> model().fit(x, Nd4j.rand(DataType.FLOAT, 16, 2), options()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x of batch 2 (epoch 1) has NaN in sample 1 of the batch (element 2 of the sample)");
    }

    @Test
    void anInfinityInTheTargetsIsReported() {
        INDArray y = Nd4j.rand(DataType.DOUBLE, 16, 2);
        y.putScalar(15, 0, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> model().fit(x(), y, options()))
                .hasMessageContaining("y of batch 3 (epoch 1) has -Infinity in sample 3 of the batch");
    }

    @Test
    void theCheckCanBeTurnedOffAndTheWeightsThenTurnNaN() {
        INDArray x = x();
        x.putScalar(0, 0, Double.NaN);
        Sequential m = model();
        m.fit(x, Nd4j.rand(DataType.FLOAT, 16, 2), options().checkFinite(false));
        Weight kernel = m.weights().get(0);
        assertThat(kernel.value().getDouble(0, 0)).isNaN();
        assertThat(FitOptions.defaults().checkFinite()).isTrue();
        FitOptions off = options().checkFinite(false);
        assertThat(off.checkFinite()).isFalse();
        assertThat(options().checkFinite()).isTrue();
    }

    @Test
    void turningTheCheckOffHoldsWithAValidationSplitToo() {
        INDArray x = x();
        x.putScalar(1, 1, Double.POSITIVE_INFINITY);
        model().fit(x, Nd4j.rand(DataType.FLOAT, 16, 2), options().validationSplit(0.25).checkFinite(false));
        assertThatThrownBy(() -> model().fit(x, Nd4j.rand(DataType.FLOAT, 16, 2), options().validationSplit(0.25)))
                .hasMessageContaining("x of batch 0 (epoch 1) has Infinity in sample 1");
    }
}

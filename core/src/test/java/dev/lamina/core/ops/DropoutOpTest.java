package dev.lamina.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lamina.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutOpTest {

    @Test
    void identityWhenNotTraining() {
        Tensor x = Tensor.constant(Nd4j.ones(DataType.FLOAT, 10, 10));
        assertThat(DropoutOp.apply(x, 0.5, 1, false)).isSameAs(x);
    }

    @Test
    void invertedScalingKeepsTheExpectation() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 200, 500);
        INDArray y = DropoutOp.apply(Tensor.constant(ones), 0.3, 99, true).value();
        double kept = y.neq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertThat(kept).isCloseTo(0.7, within(0.01));
        assertThat(y.maxNumber().doubleValue()).isCloseTo(1 / 0.7, within(1e-5));
        assertThat(y.meanNumber().doubleValue()).isCloseTo(1.0, within(0.02));
    }

    @Test
    void reseededGeneratorGivesTheMaskOfAFreshOne() throws Exception {
        // The mask reuses one generator per thread and builds in place; it must equal a fresh
        // generator's draw kept where draw >= rate (Keras' rule), scaled by 1/(1-rate).
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long seed : new long[] {3, 77}) {
                for (double rate : new double[] {0.2, 0.3}) {
                    INDArray like = Nd4j.ones(type, 40, 25);
                    INDArray draw = Nd4j.createUninitialized(type, 40, 25);
                    try (org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
                        Nd4j.getExecutioner().exec(
                                new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(draw, 0.0, 1.0), rng);
                    }
                    INDArray expected = draw.gte(rate).castTo(type).muli(1.0 / (1.0 - rate));
                    assertThat(DropoutOp.mask(like, rate, seed)).as(type + " seed " + seed + " rate " + rate)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        Tensor x = Tensor.constant(Nd4j.ones(DataType.FLOAT, 50, 50));
        INDArray a = DropoutOp.apply(x, 0.5, 5, true).value();
        INDArray b = DropoutOp.apply(x, 0.5, 5, true).value();
        INDArray c = DropoutOp.apply(x, 0.5, 6, true).value();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void sparseLabelsAsColumn() {
        Tensor p = Tensor.constant(Nd4j.createFromArray(new float[][] {{0.2f, 0.8f}, {0.6f, 0.4f}}));
        double flat = SparseCategoricalCrossentropyOp.apply(p, Nd4j.createFromArray(1, 0)).value().getDouble(0);
        double column = SparseCategoricalCrossentropyOp.apply(p, Nd4j.createFromArray(new int[][] {{1}, {0}}))
                .value().getDouble(0);
        assertThat(column).isEqualTo(flat);
        assertThat(flat).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-6));
    }
}

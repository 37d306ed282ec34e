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
    void theSameSeedKeepsTheSameElementsInFloat32AndFloat64() {
        // float32 takes the host path, float64 the element-by-element one: one generator for both.
        for (long seed : new long[] {3, 77}) {
            for (double rate : new double[] {0.2, 0.3}) {
                INDArray f = DropoutOp.mask(Nd4j.ones(DataType.FLOAT, 40, 25), rate, seed);
                INDArray d = DropoutOp.mask(Nd4j.ones(DataType.DOUBLE, 40, 25), rate, seed);
                String what = "seed " + seed + " rate " + rate;
                assertThat(f.neq(0)).as(what).isEqualTo(d.neq(0));
                double keep = 1.0 / (1.0 - rate);
                assertThat(f.reshape(1000).toDoubleVector()).as(what + ": float32 values")
                        .containsOnly(0.0, (double) (float) keep);
                assertThat(d.reshape(1000).toDoubleVector()).as(what + ": float64 values").containsOnly(0.0, keep);
                double kept = f.neq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                assertThat(kept).as(what).isCloseTo(1 - rate, within(0.05));
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

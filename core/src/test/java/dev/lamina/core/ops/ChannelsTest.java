package dev.lamina.core.ops;

import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-channel arithmetic in Java against the same ND4J ops in float32. */
class ChannelsTest {

    private static INDArray vector(long seed, double low, double high) {
        return uniform(seed, low, high, 75).castTo(DataType.FLOAT);
    }

    @Test
    void roundsEachStepAsFloat32OpsDo() {
        INDArray a = vector(1, -2, 2);
        INDArray b = vector(2, -2, 2);
        INDArray c = vector(3, -2, 2);
        INDArray variance = vector(4, 0, 3);
        Channels ch = new Channels(DataType.FLOAT, 75);
        assertThat(ch.quotient(a, 25088)).isEqualTo(a.div(25088));
        assertThat(ch.product(a, b, 1)).isEqualTo(a.mul(b));
        assertThat(ch.product(a, b, -25088)).isEqualTo(a.mul(b).divi(-25088));
        assertThat(ch.offset(c, a, b)).isEqualTo(c.sub(a.mul(b)));
        INDArray expected = Transforms.pow(variance.add(1e-3), -0.5, false);
        double diff = ch.inverseSqrt(variance, 1e-3).sub(expected).div(expected).amaxNumber().doubleValue();
        assertThat(diff).as("relative difference").isLessThanOrEqualTo(2e-7);
    }

    @Test
    void movesAverageInPlaceAlsoInAView() {
        INDArray batch = vector(5, -1, 1);
        INDArray moving = vector(6, -1, 1);
        INDArray expected = moving.mul(0.99).addi(batch.mul(1 - 0.99));
        INDArray whole = moving.dup();
        Channels.moveTowards(whole, batch, 0.99);
        assertThat(whole).isEqualTo(expected);
        INDArray parent = Nd4j.zeros(DataType.FLOAT, 2, 75);
        parent.getRow(1).assign(moving);
        INDArray row = parent.get(NDArrayIndex.point(1), NDArrayIndex.all());
        Channels.moveTowards(row, batch, 0.99);
        assertThat(parent.getRow(1)).isEqualTo(expected);
        assertThat(parent.getRow(0).sumNumber().doubleValue()).isZero();
    }
}

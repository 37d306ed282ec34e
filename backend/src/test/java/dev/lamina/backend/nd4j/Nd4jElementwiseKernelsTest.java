package dev.lamina.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jElementwiseKernelsTest {

    @Test
    void clipBoundsEveryElementAndKeepsNaN() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.createFromArray(-2.0, 1e-9, 0.25, 0.9999999, 3.0, Double.NaN).castTo(type);
            INDArray out = Nd4j.createUninitialized(type, 6);
            Nd4jElementwiseKernels.INSTANCE.clip(x, 1e-7, 1 - 1e-7, out);
            double lo = type == DataType.FLOAT ? (float) 1e-7 : 1e-7;
            double hi = type == DataType.FLOAT ? (float) (1 - 1e-7) : 1 - 1e-7;
            assertThat(out.toDoubleVector()).as(type.toString())
                    .containsExactly(lo, lo, 0.25, type == DataType.FLOAT ? hi : 0.9999999, hi, Double.NaN);
        }
    }

    @Test
    void clipWritesOverItsInput() {
        INDArray x = Nd4j.createFromArray(-1f, 0.5f, 2f);
        Nd4jElementwiseKernels.INSTANCE.clip(x, 0, 1, x);
        assertThat(x.toFloatVector()).containsExactly(0f, 0.5f, 1f);
    }
}

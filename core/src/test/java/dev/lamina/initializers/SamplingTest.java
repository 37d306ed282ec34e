package dev.lamina.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SamplingTest {

    @Test
    void elementsAreTheSeededGeneratorsDrawsInRowMajorOrder() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Sampling.sample(new long[] {3, 5, 2}, dtype, 42, SplittableRandom::nextDouble);
            assertThat(a.shape()).containsExactly(3, 5, 2);
            assertThat(a.dataType()).isEqualTo(dtype);
            SplittableRandom rng = new SplittableRandom(42);
            for (int i = 0; i < 30; i++) {
                double expected = rng.nextDouble();
                double got = a.getDouble(i / 10, (i / 2) % 5, i % 2);
                assertThat(got).as("%s element %d", dtype, i)
                        .isEqualTo(dtype == DataType.FLOAT ? (double) (float) expected : expected);
            }
        }
    }
}

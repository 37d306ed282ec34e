package dev.lamina.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Ops, the array functions: the same values as loops, inputs left unchanged. */
class OpsFacadeTest {

    @Test
    void conv2dSameMatchesALoop() {
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 5, 6, 2).subi(0.5);
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 3, 3, 2, 4).subi(0.5);
        INDArray before = image.dup();
        INDArray out = Ops.conv2d(image, kernel, "same");
        assertThat(out.shape()).containsExactly(1, 5, 6, 4);
        for (int h = 0; h < 5; h++) {
            for (int w = 0; w < 6; w++) {
                for (int f = 0; f < 4; f++) {
                    double sum = 0;
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            int y = h + i - 1;
                            int x = w + j - 1;
                            if (y < 0 || y >= 5 || x < 0 || x >= 6) {
                                continue;
                            }
                            for (int c = 0; c < 2; c++) {
                                sum += image.getDouble(0, y, x, c) * kernel.getDouble(i, j, c, f);
                            }
                        }
                    }
                    assertThat(out.getDouble(0, h, w, f)).isCloseTo(sum, offset(1e-5));
                }
            }
        }
        assertThat(image).isEqualTo(before);
    }

    @Test
    void poolingActivationsAndSoftmax() {
        INDArray x = Nd4j.createFromArray(new float[] {1, -2, 3, 4, -5, 6, 7, 8, 9, -1, 0, 2, 5, 5, -3, 1})
                .reshape(1, 4, 4, 1);
        INDArray pooled = Ops.maxPool2d(x, 2);
        assertThat(pooled.reshape(4).toFloatVector()).containsExactly(6, 8, 9, 2);
        assertThat(Ops.relu(x).minNumber().floatValue()).isZero();
        assertThat(x.minNumber().floatValue()).isEqualTo(-5);
        INDArray p = Ops.softmax(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {0, 0, 0}}));
        assertThat(p.sum(1).toDoubleVector()).containsExactly(new double[] {1, 1}, offset(1e-6));
        assertThat(p.getDouble(1, 0)).isCloseTo(1.0 / 3, offset(1e-6));
        INDArray cat = Ops.concatenate(-1, Nd4j.ones(DataType.FLOAT, 2, 1), Nd4j.zeros(DataType.FLOAT, 2, 2));
        assertThat(cat.shape()).containsExactly(2, 3);
        assertThat(Ops.reshape(x, 2, -1).shape()).containsExactly(2, 8);
        assertThat(Ops.globalAvgPool2d(x).getDouble(0, 0)).isCloseTo(x.sumNumber().doubleValue() / 16, offset(1e-6));
    }
}

package dev.lamina.core.ops;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.distinct;
import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.lamina.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Concatenation, element-wise maximum and minimum, zero padding, cropping and global pooling:
 * float64 finite-difference gradient checks, and forward values against plain loops.
 */
class ShapeOpsGradientTest {

    // ---- concatenate ----

    @Test
    void concatGradients() {
        INDArray a = uniform(1, -1, 1, 2, 3, 4);
        INDArray b = uniform(2, -1, 1, 2, 1, 4);
        INDArray c = uniform(3, -1, 1, 2, 2, 4);
        check("concat axis 1", t -> ConcatOp.apply(1, t[0], t[1], t[2]), a, b, c);
        check("concat axis -2", t -> ConcatOp.apply(-2, t[0], t[1]), a, c);
        check("concat axis 0", t -> ConcatOp.apply(0, t[0], t[1]), a, uniform(4, -1, 1, 1, 3, 4));
        check("concat axis -1", t -> ConcatOp.apply(-1, t[0], t[1]), a, uniform(5, -1, 1, 2, 3, 2));
        check("concat list", t -> ConcatOp.apply(-1, List.of(t[0], t[1])), a, uniform(5, -1, 1, 2, 3, 2));
        check("concat one input", t -> ConcatOp.apply(0, t[0]), a);
        check("concat same tensor twice", t -> ConcatOp.apply(2, t[0], t[0]), a);
    }

    @Test
    void concatGradientOnlyWhereWanted() {
        Tensor a = Tensor.variable(uniform(6, -1, 1, 2, 3));
        Tensor b = Tensor.constant(uniform(7, -1, 1, 2, 2));
        ConcatOp.apply(-1, a, b).backward(Nd4j.ones(DataType.DOUBLE, 2, 5));
        assertThat(a.grad()).isEqualTo(Nd4j.ones(DataType.DOUBLE, 2, 3));
        assertThat(b.grad()).isNull();
    }

    @Test
    void concatValues() {
        INDArray a = uniform(8, -1, 1, 2, 3, 2, 2);
        INDArray b = uniform(9, -1, 1, 2, 3, 2, 3);
        INDArray y = ConcatOp.apply(-1, Tensor.constant(a), Tensor.constant(b)).value();
        assertThat(y.shape()).containsExactly(2, 3, 2, 5);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 3; h++) {
                for (int w = 0; w < 2; w++) {
                    for (int ch = 0; ch < 5; ch++) {
                        double expected = ch < 2 ? a.getDouble(n, h, w, ch) : b.getDouble(n, h, w, ch - 2);
                        assertThat(y.getDouble(n, h, w, ch)).isEqualTo(expected);
                    }
                }
            }
        }
        INDArray c = uniform(10, -1, 1, 1, 3, 2, 2);
        INDArray z = ConcatOp.apply(0, Tensor.constant(a), Tensor.constant(c)).value();
        assertThat(z.shape()).containsExactly(3, 3, 2, 2);
        for (int n = 0; n < 3; n++) {
            for (int h = 0; h < 3; h++) {
                for (int w = 0; w < 2; w++) {
                    for (int ch = 0; ch < 2; ch++) {
                        double expected = n < 2 ? a.getDouble(n, h, w, ch) : c.getDouble(0, h, w, ch);
                        assertThat(z.getDouble(n, h, w, ch)).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void concatFloat32Values() {
        INDArray a = uniform(11, -1, 1, 2, 3).castTo(DataType.FLOAT);
        INDArray b = uniform(12, -1, 1, 4, 3).castTo(DataType.FLOAT);
        INDArray y = ConcatOp.apply(0, Tensor.constant(a), Tensor.constant(b)).value();
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        for (int r = 0; r < 6; r++) {
            for (int col = 0; col < 3; col++) {
                assertThat(y.getFloat(r, col)).isEqualTo(r < 2 ? a.getFloat(r, col) : b.getFloat(r - 2, col));
            }
        }
    }

    @Test
    void concatRejectsMismatchedInputs() {
        Tensor a = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3));
        assertThatThrownBy(() -> ConcatOp.apply(1, a, Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concatenate")
                .hasMessageContaining("axis 1")
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> ConcatOp.apply(2, a, a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 2 is out of range for inputs of rank 2");
        assertThatThrownBy(() -> ConcatOp.apply(-3, a, a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis -3");
        assertThatThrownBy(() -> ConcatOp.apply(0, a, Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 1]");
        assertThatThrownBy(() -> ConcatOp.apply(0, a, Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOUBLE")
                .hasMessageContaining("FLOAT");
        assertThatThrownBy(() -> ConcatOp.apply(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one input");
    }

    // ---- zero padding and cropping ----

    @Test
    void zeroPadAndCropGradients() {
        INDArray x = uniform(15, -1, 1, 2, 4, 5, 3);
        check("zero_padding2d", t -> ZeroPad2dOp.apply(t[0], 1, 2, 0, 3), x);
        check("zero_padding2d none", t -> ZeroPad2dOp.apply(t[0], 0, 0, 0, 0), x);
        check("cropping2d", t -> Crop2dOp.apply(t[0], 1, 0, 2, 1), x);
        check("cropping2d to one pixel", t -> Crop2dOp.apply(t[0], 2, 1, 3, 1), x);
        check("pad then crop", t -> Crop2dOp.apply(ZeroPad2dOp.apply(t[0], 2, 1, 1, 1), 1, 2, 0, 2), x);
    }

    @Test
    void zeroPadValues() {
        INDArray x = uniform(16, -1, 1, 2, 3, 2, 2);
        int top = 1;
        int bottom = 2;
        int left = 3;
        int right = 1;
        INDArray y = ZeroPad2dOp.apply(Tensor.constant(x), top, bottom, left, right).value();
        assertThat(y.shape()).containsExactly(2, 6, 6, 2);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 6; h++) {
                for (int w = 0; w < 6; w++) {
                    for (int c = 0; c < 2; c++) {
                        boolean inside = h >= top && h < top + 3 && w >= left && w < left + 2;
                        double expected = inside ? x.getDouble(n, h - top, w - left, c) : 0.0;
                        assertThat(y.getDouble(n, h, w, c)).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void cropValues() {
        INDArray x = uniform(17, -1, 1, 2, 5, 6, 2).castTo(DataType.FLOAT);
        INDArray y = Crop2dOp.apply(Tensor.constant(x), 2, 1, 0, 3).value();
        assertThat(y.shape()).containsExactly(2, 2, 3, 2);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 3; w++) {
                    for (int c = 0; c < 2; c++) {
                        assertThat(y.getFloat(n, h, w, c)).isEqualTo(x.getFloat(n, h + 2, w, c));
                    }
                }
            }
        }
    }

    @Test
    void padAndCropRejectBadArguments() {
        Tensor x = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 1, 4, 5, 2));
        assertThatThrownBy(() -> ZeroPad2dOp.apply(x, 1, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero_padding2d")
                .hasMessageContaining("(1, -1, 0, 0)")
                .hasMessageContaining("[1, 4, 5, 2]");
        assertThatThrownBy(() -> ZeroPad2dOp.apply(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 4, 5, 2)), 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero_padding2d")
                .hasMessageContaining("rank 4")
                .hasMessageContaining("[4, 5, 2]");
        assertThatThrownBy(() -> Crop2dOp.apply(x, 2, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cropping2d")
                .hasMessageContaining("(2, 2, 0, 0)")
                .hasMessageContaining("leaves no rows or no columns")
                .hasMessageContaining("[1, 4, 5, 2]");
        assertThatThrownBy(() -> Crop2dOp.apply(x, 0, 0, 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 0, 4, 1)");
        assertThatThrownBy(() -> Crop2dOp.apply(x, 0, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}

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

    // ---- maximum and minimum ----

    /** Two arrays drawn from one set of distinct values: no pair of entries within 0.05 of each other. */
    private static INDArray[] apart(long salt, long[] sa, long[] sb) {
        long na = shapeLength(sa);
        INDArray all = distinct(salt, 0.05, na + shapeLength(sb));
        double[] v = all.data().asDouble();
        double[] va = Arrays.copyOfRange(v, 0, (int) na);
        double[] vb = Arrays.copyOfRange(v, (int) na, v.length);
        return new INDArray[] {Nd4j.createFromArray(va).reshape('c', sa), Nd4j.createFromArray(vb).reshape('c', sb)};
    }

    private static long shapeLength(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Test
    void maximumAndMinimumGradients() {
        long[][][] shapes = {
            {{3, 4}, {3, 4}},
            {{2, 3, 4}, {4}},
            {{2, 1, 4}, {3, 1}},
            {{1, 3}, {2, 3, 1}},
        };
        for (long[][] s : shapes) {
            INDArray[] ab = apart(13, s[0], s[1]);
            String shapesText = Arrays.toString(s[0]) + " vs " + Arrays.toString(s[1]);
            check("maximum " + shapesText, t -> MaximumOp.apply(t[0], t[1]), ab[0], ab[1]);
            check("minimum " + shapesText, t -> MinimumOp.apply(t[0], t[1]), ab[0], ab[1]);
        }
    }

    @Test
    void maximumAndMinimumValues() {
        INDArray[] ab = apart(14, new long[] {2, 3, 4}, new long[] {3, 1});
        INDArray a = ab[0];
        INDArray b = ab[1];
        INDArray max = MaximumOp.apply(Tensor.constant(a), Tensor.constant(b)).value();
        INDArray min = MinimumOp.apply(Tensor.constant(a), Tensor.constant(b)).value();
        assertThat(max.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    double x = a.getDouble(i, j, k);
                    double y = b.getDouble(j, 0);
                    assertThat(max.getDouble(i, j, k)).isEqualTo(Math.max(x, y));
                    assertThat(min.getDouble(i, j, k)).isEqualTo(Math.min(x, y));
                }
            }
        }
    }

    @Test
    void tiesSendTheWholeGradientToTheFirstOperand() {
        double[] av = {1, 2, 3, 4, 5, 6};
        double[] bv = {1, 3, 3, 0, 5, 7};
        double[] dy = {0.5, -1, 2, 3, -4, 0.25};
        assertTieRule("maximum", MaximumOp::apply, av, bv, dy, (x, y) -> x >= y ? 1 : 0);
        assertTieRule("minimum", MinimumOp::apply, av, bv, dy, (x, y) -> x <= y ? 1 : 0);
        // Broadcast: b's gradient sums over the rows it was repeated along.
        Tensor a = Tensor.variable(Nd4j.createFromArray(new double[][] {{1, 5}, {2, 2}}));
        Tensor b = Tensor.variable(Nd4j.createFromArray(new double[] {2, 2}));
        MaximumOp.apply(a, b).backward(Nd4j.createFromArray(new double[][] {{1, 2}, {4, 8}}));
        assertThat(a.grad()).isEqualTo(Nd4j.createFromArray(new double[][] {{0, 2}, {4, 8}}));
        assertThat(b.grad()).isEqualTo(Nd4j.createFromArray(new double[] {1, 0}));
    }

    private static void assertTieRule(String name, BinaryOperator<Tensor> op, double[] av,
            double[] bv, double[] dy, DoubleBinaryOperator toA) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Tensor a = Tensor.variable(Nd4j.createFromArray(av).castTo(type));
            Tensor b = Tensor.variable(Nd4j.createFromArray(bv).castTo(type));
            op.apply(a, b).backward(Nd4j.createFromArray(dy).castTo(type));
            for (int i = 0; i < av.length; i++) {
                double share = toA.applyAsDouble(av[i], bv[i]);
                assertThat(a.grad().getDouble(i)).as(name + " " + type + " da[" + i + "]").isEqualTo(dy[i] * share);
                assertThat(b.grad().getDouble(i)).as(name + " " + type + " db[" + i + "]")
                        .isEqualTo(dy[i] * (1 - share));
            }
        }
    }

    @Test
    void maximumRejectsShapesThatDoNotBroadcast() {
        assertThatThrownBy(() -> MaximumOp.apply(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3)),
                Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum")
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4]");
        assertThatThrownBy(() -> MinimumOp.apply(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2)),
                Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimum")
                .hasMessageContaining("DOUBLE")
                .hasMessageContaining("FLOAT");
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

    // ---- global pooling ----

    @Test
    void globalPoolingGradients() {
        INDArray x = distinct(18, 0.01, 2, 3, 4, 5);
        check("global_max_pooling2d", t -> GlobalMaxPool2dOp.apply(t[0]), x);
        check("global_max_pooling2d keepDims", t -> GlobalMaxPool2dOp.apply(t[0], true), x);
        check("global_max_pooling2d 1x1", t -> GlobalMaxPool2dOp.apply(t[0], false), distinct(19, 0.01, 3, 1, 1, 2));
        check("global_average_pooling2d keepDims", t -> GlobalAvgPool2dOp.apply(t[0], true),
                uniform(20, -1, 1, 2, 3, 4, 5));
    }

    @Test
    void globalPoolingValues() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = uniform(21, -1, 1, 2, 3, 4, 5).castTo(type);
            INDArray max = GlobalMaxPool2dOp.apply(Tensor.constant(x)).value();
            INDArray maxKept = GlobalMaxPool2dOp.apply(Tensor.constant(x), true).value();
            INDArray avgKept = GlobalAvgPool2dOp.apply(Tensor.constant(x), true).value();
            assertThat(max.shape()).containsExactly(2, 5);
            assertThat(maxKept.shape()).containsExactly(2, 1, 1, 5);
            assertThat(avgKept.shape()).containsExactly(2, 1, 1, 5);
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 5; c++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int h = 0; h < 3; h++) {
                        for (int w = 0; w < 4; w++) {
                            best = Math.max(best, x.getDouble(n, h, w, c));
                            sum += x.getDouble(n, h, w, c);
                        }
                    }
                    assertThat(max.getDouble(n, c)).isEqualTo(best);
                    assertThat(maxKept.getDouble(n, 0, 0, c)).isEqualTo(best);
                    double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-12;
                    assertThat(avgKept.getDouble(n, 0, 0, c)).isCloseTo(sum / 12, offset(tolerance));
                }
            }
        }
    }

    @Test
    void globalMaxPoolingFloat32GradientGoesToTheMaximum() {
        // Float32 with a gradient takes the oneDNN pooling path: one gradient per (n, c), at the maximum.
        INDArray xv = distinct(22, 0.01, 2, 3, 4, 5).castTo(DataType.FLOAT);
        Tensor x = Tensor.variable(xv);
        INDArray dy = uniform(23, -1, 1, 2, 5).castTo(DataType.FLOAT);
        GlobalMaxPool2dOp.apply(x).backward(dy);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 5; c++) {
                int bestH = 0;
                int bestW = 0;
                for (int h = 0; h < 3; h++) {
                    for (int w = 0; w < 4; w++) {
                        if (xv.getFloat(n, h, w, c) > xv.getFloat(n, bestH, bestW, c)) {
                            bestH = h;
                            bestW = w;
                        }
                    }
                }
                for (int h = 0; h < 3; h++) {
                    for (int w = 0; w < 4; w++) {
                        float expected = h == bestH && w == bestW ? dy.getFloat(n, c) : 0f;
                        assertThat(x.grad().getFloat(n, h, w, c)).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void globalMaxPoolingRejectsBadInput() {
        assertThatThrownBy(() -> GlobalMaxPool2dOp.apply(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("global_max_pooling2d")
                .hasMessageContaining("rank 4")
                .hasMessageContaining("[2, 3, 4]");
    }
}

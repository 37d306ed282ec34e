package dev.lamina.core.ops;

import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.onednn.OneDnn;
import dev.lamina.core.Tensor;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The oneDNN path against libnd4j's ops (which OpsGradientTest checks against finite differences
 * in double precision): the same float32 inputs through both, outputs and gradients compared.
 */
class OneDnnOpsTest {

    @AfterEach
    void restore() {
        System.clearProperty(OneDnn.PROPERTY);
    }

    @Test
    void theDirectPathIsOnForTheCpuBackend() {
        // Otherwise every comparison below would compare libnd4j with itself.
        assertThat(OneDnn.available()).isTrue();
        System.setProperty(OneDnn.PROPERTY, "false");
        assertThat(OneDnn.available()).isFalse();
    }

    static Stream<Arguments> convolutions() {
        return Stream.of(
                Arguments.of(new long[] {4, 13, 13, 32}, new long[] {3, 3, 32, 64}, new int[] {1, 1}, "valid", true),
                Arguments.of(new long[] {3, 5, 5, 64}, new long[] {3, 3, 64, 64}, new int[] {1, 1}, "valid", true),
                Arguments.of(new long[] {3, 7, 7, 5}, new long[] {3, 3, 5, 4}, new int[] {2, 2}, "same", true),
                Arguments.of(new long[] {2, 6, 5, 8}, new long[] {2, 3, 8, 3}, new int[] {1, 1}, "same", false),
                Arguments.of(new long[] {2, 9, 9, 6}, new long[] {3, 3, 6, 5}, new int[] {2, 1}, "valid", true),
                Arguments.of(new long[] {2, 8, 8, 16}, new long[] {1, 1, 16, 8}, new int[] {1, 1}, "valid", false));
    }

    @ParameterizedTest(name = "x {0} kernel {1} strides {2} {3} bias {4}")
    @MethodSource("convolutions")
    void convolutionGradientsMatchConv2dBp(long[] xShape, long[] k, int[] strides, String padding, boolean bias) {
        INDArray x = uniform(1, -1, 1, xShape).castTo(DataType.FLOAT);
        INDArray w = uniform(2, -1, 1, k).castTo(DataType.FLOAT);
        INDArray b = bias ? uniform(3, -1, 1, k[3]).castTo(DataType.FLOAT) : null;
        Function<Tensor[], Tensor> conv = t -> Conv2dOp.apply(t[0], t[1], bias ? t[2] : null, strides,
                Padding.of(padding));
        INDArray[] direct = gradients(conv, true, x, w, b);
        INDArray[] libnd4j = gradients(conv, false, x, w, b);
        assertClose(direct, libnd4j, 1e-4);
    }

    static Stream<Arguments> firstLayers() {
        return Stream.of(
                Arguments.of(new long[] {8, 28, 28, 1}, new long[] {3, 3, 1, 32}, "valid"),
                Arguments.of(new long[] {4, 28, 28, 1}, new long[] {5, 5, 1, 6}, "same"),
                Arguments.of(new long[] {3, 9, 7, 3}, new long[] {3, 3, 3, 4}, "same"));
    }

    @ParameterizedTest(name = "x {0} kernel {1} {2}")
    @MethodSource("firstLayers")
    void firstLayerKernelGradientsMatchConv2dBp(long[] xShape, long[] k, String padding) {
        // A network's first layer: its input needs no gradient, so only backward-weights runs.
        INDArray x = uniform(14, 0, 1, xShape).castTo(DataType.FLOAT);
        INDArray w = uniform(15, -1, 1, k).castTo(DataType.FLOAT);
        INDArray b = uniform(16, -1, 1, k[3]).castTo(DataType.FLOAT);
        System.setProperty(OneDnn.PROPERTY, "true");
        Tensor wt = Tensor.variable(w.dup());
        Tensor bt = Tensor.variable(b.dup());
        Tensor y = Conv2dOp.apply(Tensor.constant(x), wt, bt, new int[] {1, 1}, Padding.of(padding));
        y.backward(uniform(9, -1, 1, y.shape()).castTo(DataType.FLOAT));
        INDArray[] libnd4j = gradients(t -> Conv2dOp.apply(t[0], t[1], t[2], new int[] {1, 1}, Padding.of(padding)),
                false, x, w, b);
        assertClose(new INDArray[] {y.value(), wt.grad(), bt.grad()},
                new INDArray[] {libnd4j[0], libnd4j[2], libnd4j[3]}, 1e-4);
    }

    @Test
    void convolutionComputesOnlyTheGradientsAsked() {
        INDArray x = uniform(4, -1, 1, 2, 6, 6, 8).castTo(DataType.FLOAT);
        INDArray w = uniform(5, -1, 1, 3, 3, 8, 4).castTo(DataType.FLOAT);
        INDArray b = uniform(6, -1, 1, 4).castTo(DataType.FLOAT);
        INDArray[] full = gradients(t -> Conv2dOp.apply(t[0], t[1], t[2], new int[] {1, 1}, Padding.VALID), true,
                x, w, b);
        Tensor xt = Tensor.variable(x.dup());
        Tensor wt = Tensor.constant(w.dup());
        Tensor bt = Tensor.constant(b.dup());
        Conv2dOp.apply(xt, wt, bt, new int[] {1, 1}, Padding.VALID).backward(dy(x, w, 1, 1, 4));
        assertClose(new INDArray[] {xt.grad()}, new INDArray[] {full[1]}, 0);

        Tensor xc = Tensor.constant(x.dup());
        Tensor wv = Tensor.variable(w.dup());
        Tensor bv = Tensor.variable(b.dup());
        Conv2dOp.apply(xc, wv, bv, new int[] {1, 1}, Padding.VALID).backward(dy(x, w, 1, 1, 4));
        assertClose(new INDArray[] {wv.grad(), bv.grad()}, new INDArray[] {full[2], full[3]}, 0);
    }

    static Stream<Arguments> poolings() {
        return Stream.of(
                Arguments.of(new long[] {4, 26, 26, 32}, new int[] {2, 2}, new int[] {2, 2}, "valid"),
                Arguments.of(new long[] {4, 11, 11, 64}, new int[] {2, 2}, new int[] {2, 2}, "valid"),
                Arguments.of(new long[] {3, 7, 7, 5}, new int[] {2, 2}, new int[] {2, 2}, "same"),
                Arguments.of(new long[] {2, 9, 8, 3}, new int[] {3, 3}, new int[] {2, 2}, "same"),
                Arguments.of(new long[] {2, 6, 6, 4}, new int[] {3, 2}, new int[] {1, 2}, "valid"));
    }

    @ParameterizedTest(name = "x {0} pool {1} strides {2} {3}")
    @MethodSource("poolings")
    void maxPoolingMatchesMaxpool2dAndItsBackward(long[] xShape, int[] pool, int[] strides, String padding) {
        // Distinct values, so that every window has one winner in both implementations.
        INDArray x = distinctValues(xShape, 7);
        Function<Tensor[], Tensor> op = t -> MaxPool2dOp.apply(t[0], pool, strides, Padding.of(padding));
        assertClose(outputAndGradient(op, true, x), outputAndGradient(op, false, x), 0);
    }

    static Stream<Arguments> products() {
        return Stream.of(
                Arguments.of(new long[] {64, 64}, new long[] {64, 10}),
                Arguments.of(new long[] {1, 300}, new long[] {300, 7}),
                Arguments.of(new long[] {5, 1600}, new long[] {1600, 64}),
                Arguments.of(new long[] {3, 4}, new long[] {4, 1}));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("products")
    void matmulAndItsGradientsMatchLibnd4j(long[] a, long[] b) {
        // The backward pass multiplies by each operand's transpose: all four layouts are used.
        INDArray x = uniform(17, -1, 1, a).castTo(DataType.FLOAT);
        INDArray w = uniform(18, -1, 1, b).castTo(DataType.FLOAT);
        Function<Tensor[], Tensor> op = t -> Ops.matmul(t[0], t[1]);
        assertClose(gradients(op, true, x, w, null), gradients(op, false, x, w, null), 1e-4);
        INDArray xT = uniform(19, -1, 1, a[1], a[0]).castTo(DataType.FLOAT).transpose();
        assertClose(gradients(op, true, xT, w, null), gradients(op, false, xT, w, null), 1e-4);
    }

    @Test
    void softmaxAndSoftmaxCrossEntropyMatchLibnd4j() {
        INDArray z = uniform(20, -5, 5, 64, 10).castTo(DataType.FLOAT);
        INDArray labels = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, (i * 7) % 10, 1);
        }
        Function<Tensor[], Tensor> softmax = t -> Ops.multiply(dev.lamina.core.ops.SoftmaxOp.apply(t[0]), t[1]);
        Function<Tensor[], Tensor> loss = t -> Ops.multiply(dev.lamina.core.ops.SoftmaxCrossEntropyOp.perSample(t[0], labels), t[1]);
        INDArray scale = uniform(21, 0.5, 1.5, 64).castTo(DataType.FLOAT);
        assertClose(gradients(softmax, true, z, z.dup(), null), gradients(softmax, false, z, z.dup(), null), 1e-5);
        assertClose(gradients(loss, true, z, scale, null), gradients(loss, false, z, scale, null), 1e-5);
    }

    @Test
    void reluAndTanhBackwardFromTheOutputMatchLibnd4j() {
        // Values straddle 0 (ReLU's kink) and reach tanh's flat tails; the output gradient in the
        // second case is a permuted view, which must be read in its own order.
        INDArray x = distinctValues(new long[] {4, 5, 6, 3}, 22).muli(3);
        for (String name : new String[] {"relu", "tanh"}) {
            Function<Tensor[], Tensor> act = t -> Ops.multiply((name.equals("relu") ? Ops.relu(t[0]) : Ops.tanh(t[0])), t[1]);
            INDArray scale = uniform(23, -1, 1, 4, 5, 6, 3).castTo(DataType.FLOAT);
            INDArray permutedScale = uniform(24, -1, 1, 4, 3, 5, 6).castTo(DataType.FLOAT).permute(0, 2, 3, 1);
            for (INDArray s : new INDArray[] {scale, permutedScale}) {
                assertClose(gradients(act, true, x, s, null), gradients(act, false, x, s, null), 1e-6);
            }
        }
    }

    @Test
    void viewsAreReadAtTheirOwnFirstElement() {
        // A batch slice starts inside its parent's buffer; a permuted view is not row-major and is
        // copied first. Both must give what the same values in a fresh array give.
        INDArray parent = distinctValues(new long[] {5, 8, 8, 6}, 11);
        INDArray slice = parent.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        INDArray permuted = distinctValues(new long[] {2, 6, 8, 8}, 13).permute(0, 2, 3, 1);
        Function<Tensor[], Tensor> pool = t -> MaxPool2dOp.apply(t[0], new int[] {2, 2}, new int[] {2, 2},
                Padding.VALID);
        INDArray w = uniform(8, -1, 1, 3, 3, 6, 4).castTo(DataType.FLOAT);
        for (INDArray view : new INDArray[] {slice, permuted}) {
            assertClose(outputAndGradient(pool, true, view), outputAndGradient(pool, true, view.dup('c')), 0);
            Function<Tensor[], Tensor> conv = t -> Conv2dOp.apply(t[0], t[1], null, new int[] {1, 1},
                    Padding.VALID);
            assertClose(gradients(conv, true, view, w, null), gradients(conv, true, view.dup('c'), w, null), 0);
        }
    }

    @Test
    void arenaStepsReuseTheirArraysAndPrimitives() {
        // Recycled outputs and workspaces from step to step must still give each step's own result.
        ArrayArena arena = new ArrayArena();
        Function<Tensor[], Tensor> op = t -> MaxPool2dOp.apply(Conv2dOp.apply(t[0], t[1], t[2], new int[] {1, 1},
                Padding.SAME), new int[] {2, 2}, new int[] {2, 2}, Padding.SAME);
        for (int step = 0; step < 4; step++) {
            INDArray x = uniform(20 + step, -1, 1, 2, 7, 7, 6).castTo(DataType.FLOAT);
            INDArray w = uniform(30 + step, -1, 1, 3, 3, 6, 5).castTo(DataType.FLOAT);
            INDArray b = uniform(40 + step, -1, 1, 5).castTo(DataType.FLOAT);
            INDArray[] expected = gradients(op, false, x, w, b);
            INDArray[] actual;
            try (ArrayArena.Scope s = arena.step()) {
                actual = Arrays.stream(gradients(op, true, x, w, b)).map(INDArray::dup).toArray(INDArray[]::new);
            }
            assertClose(actual, expected, 1e-4);
        }
    }

    @Test
    void manyBatchSizesStayCorrectAsOldPrimitivesAreDestroyed() {
        // More configurations than a thread keeps: evicted primitives are destroyed, and a size
        // seen again gets new ones.
        Function<Tensor[], Tensor> op = t -> MaxPool2dOp.apply(Conv2dOp.apply(t[0], t[1], null, new int[] {1, 1},
                Padding.VALID), new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
        INDArray w = uniform(12, -1, 1, 3, 3, 3, 2).castTo(DataType.FLOAT);
        for (int batch = 1; batch <= 40; batch += 1) {
            INDArray x = distinctValues(new long[] {batch % 37 + 1, 6, 6, 3}, batch);
            assertClose(gradients(op, true, x, w, null), gradients(op, false, x, w, null), 1e-4);
        }
    }

    /** The gradients of {@code sum(op(x, w, b) * dy)} for a fixed dy, through one path or the other. */
    private static INDArray[] gradients(Function<Tensor[], Tensor> op, boolean direct, INDArray x, INDArray w,
            INDArray b) {
        System.setProperty(OneDnn.PROPERTY, Boolean.toString(direct));
        Tensor[] t = {Tensor.variable(x), Tensor.variable(w.dup()), b == null ? null : Tensor.variable(b.dup())};
        Tensor y = op.apply(t);
        y.backward(uniform(9, -1, 1, y.shape()).castTo(DataType.FLOAT));
        return b == null ? new INDArray[] {y.value().dup(), t[0].grad().dup(), t[1].grad().dup()}
                : new INDArray[] {y.value().dup(), t[0].grad().dup(), t[1].grad().dup(), t[2].grad().dup()};
    }

    private static INDArray[] outputAndGradient(Function<Tensor[], Tensor> op, boolean direct, INDArray x) {
        System.setProperty(OneDnn.PROPERTY, Boolean.toString(direct));
        Tensor xt = Tensor.variable(x);
        Tensor y = op.apply(new Tensor[] {xt});
        y.backward(uniform(10, -1, 1, y.shape()).castTo(DataType.FLOAT));
        return new INDArray[] {y.value().dup(), xt.grad().dup()};
    }

    private static INDArray dy(INDArray x, INDArray w, int sh, int sw, long outC) {
        long oh = (x.size(1) - w.size(0)) / sh + 1;
        long ow = (x.size(2) - w.size(1)) / sw + 1;
        return uniform(9, -1, 1, x.size(0), oh, ow, outC).castTo(DataType.FLOAT);
    }

    private static INDArray distinctValues(long[] shape, long seed) {
        INDArray a = uniform(seed, -1, 1, shape).castTo(DataType.FLOAT);
        return a.addi(org.nd4j.linalg.factory.Nd4j.linspace(DataType.FLOAT, 0, 1e-3 * a.length(), a.length())
                .reshape(shape));
    }

    private static void assertClose(INDArray[] actual, INDArray[] expected, double eps) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double diff = actual[i].castTo(DataType.DOUBLE).sub(expected[i].castTo(DataType.DOUBLE)).amaxNumber()
                    .doubleValue();
            double scale = Math.max(1, expected[i].amaxNumber().doubleValue());
            assertThat(diff).as("array %d of shape %s differs by %s", i, Arrays.toString(expected[i].shape()), diff)
                    .isLessThanOrEqualTo(eps * scale);
        }
    }
}

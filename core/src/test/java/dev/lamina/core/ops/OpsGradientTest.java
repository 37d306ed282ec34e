package dev.lamina.core.ops;

import static dev.lamina.testing.GradCheck.awayFromZero;
import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.distinct;
import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.onednn.OneDnn;
import dev.lamina.core.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Float64 finite-difference gradient checks of every differentiable op. */
class OpsGradientTest {

    @AfterEach
    void restoreOneDnn() {
        System.clearProperty(OneDnn.PROPERTY);
    }


    static Stream<Arguments> broadcastShapes() {
        return Stream.of(
                Arguments.of(new long[] {2, 3, 4}, new long[] {2, 3, 4}),
                Arguments.of(new long[] {2, 3, 4}, new long[] {4}),
                Arguments.of(new long[] {2, 3, 4}, new long[] {3, 1}),
                Arguments.of(new long[] {1, 3}, new long[] {4, 1}));
    }

    @ParameterizedTest
    @MethodSource("broadcastShapes")
    void elementWiseWithBroadcasting(long[] a, long[] b) {
        INDArray x = uniform(1, -1, 1, a);
        INDArray y = uniform(2, 0.5, 2, b);
        check("add", t -> Ops.add(t[0], t[1]), x, y);
        check("sub", t -> Ops.subtract(t[0], t[1]), x, y);
        check("mul", t -> Ops.multiply(t[0], t[1]), x, y);
        check("div", t -> Ops.divide(t[0], t[1]), x, y);
    }

    @Test
    void sameTensorOnBothSides() {
        INDArray x = uniform(3, -1, 1, 3, 4);
        check("x*x+x", t -> Ops.add(Ops.multiply(t[0], t[0]), t[0]), x);
    }

    @Test
    void matmul() {
        check("matmul", t -> Ops.matmul(t[0], t[1]), uniform(4, -1, 1, 3, 4), uniform(5, -1, 1, 4, 5));
        check("matmul 1x1", t -> Ops.matmul(t[0], t[1]), uniform(4, -1, 1, 1, 3), uniform(5, -1, 1, 3, 1));
    }

    @Test
    void biasAdd() {
        check("bias_add rank 2", t -> BiasAddOp.apply(t[0], t[1]), uniform(6, -1, 1, 5, 3), uniform(7, -1, 1, 3));
        check("bias_add rank 4", t -> BiasAddOp.apply(t[0], t[1]), uniform(6, -1, 1, 2, 3, 3, 4), uniform(7, -1, 1, 4));
    }

    @Test
    void reshapeAndFlatten() {
        check("reshape", t -> Ops.reshape(t[0], 4, -1), uniform(8, -1, 1, 2, 3, 4));
        check("flatten", t -> Ops.flatten(t[0]), uniform(8, -1, 1, 2, 3, 4, 5));
    }

    @Test
    void reductions() {
        INDArray x = uniform(9, -1, 1, 2, 3, 4);
        check("sum all", t -> Ops.sum(t[0]), x);
        check("sum axis 1", t -> Ops.sum(t[0], false, 1), x);
        check("sum axes 0,2 keepDims", t -> Ops.sum(t[0], true, 0, 2), x);
        check("mean all", t -> Ops.mean(t[0]), x);
        check("mean axis -1", t -> Ops.mean(t[0], false, -1), x);
        check("mean axes 0,1 keepDims", t -> Ops.mean(t[0], true, 0, 1), x);
    }

    @Test
    void unaryFunctions() {
        INDArray x = uniform(10, -2, 2, 3, 5);
        check("exp", t -> Ops.exp(t[0]), x);
        check("log", t -> Ops.log(t[0]), uniform(11, 0.2, 3, 3, 5));
        check("relu", t -> Ops.relu(t[0]), awayFromZero(12, 0.01, 3, 5));
        check("relu rank 4", t -> Ops.relu(t[0]), awayFromZero(12, 0.01, 2, 3, 3, 2));
        check("tanh", t -> Ops.tanh(t[0]), x);
        check("sigmoid", t -> Ops.sigmoid(t[0]), x);
        check("softmax rank 2", t -> Ops.softmax(t[0]), x);
        check("softmax rank 3", t -> Ops.softmax(t[0]), uniform(13, -3, 3, 2, 2, 4));
    }

    static Stream<Arguments> convCases() {
        return Stream.of(
                // x shape, kernel shape, strides, padding, bias
                Arguments.of(new long[] {2, 5, 5, 3}, new long[] {3, 3, 3, 2}, 1, "valid", true),
                Arguments.of(new long[] {2, 5, 5, 3}, new long[] {3, 3, 3, 2}, 1, "same", true),
                Arguments.of(new long[] {1, 7, 6, 2}, new long[] {3, 2, 2, 3}, 2, "valid", true),
                Arguments.of(new long[] {1, 7, 6, 2}, new long[] {3, 2, 2, 3}, 2, "same", false),
                Arguments.of(new long[] {2, 6, 6, 1}, new long[] {1, 1, 1, 2}, 2, "same", true),
                Arguments.of(new long[] {1, 4, 4, 2}, new long[] {5, 5, 2, 2}, 1, "same", true));
    }

    @ParameterizedTest
    @MethodSource("convCases")
    void conv2d(long[] x, long[] k, int stride, String padding, boolean bias) {
        int[] strides = {stride, stride};
        Padding p = Padding.of(padding);
        if (bias) {
            check("conv2d " + padding, t -> Conv2dOp.apply(t[0], t[1], t[2], strides, p), uniform(14, -1, 1, x),
                    uniform(15, -1, 1, k), uniform(16, -1, 1, k[3]));
        } else {
            check("conv2d no bias " + padding, t -> Conv2dOp.apply(t[0], t[1], null, strides, p), uniform(14, -1, 1, x),
                    uniform(15, -1, 1, k));
        }
    }

    static Stream<Arguments> firstLayerCases() {
        return Stream.of(
                Arguments.of(new long[] {3, 7, 6, 1}, new long[] {3, 2, 1, 4}, "valid"),
                Arguments.of(new long[] {3, 7, 6, 1}, new long[] {3, 3, 1, 4}, "same"),
                Arguments.of(new long[] {2, 5, 6, 1}, new long[] {2, 2, 1, 3}, "same"),
                Arguments.of(new long[] {2, 5, 4, 3}, new long[] {3, 3, 3, 2}, "same"),
                Arguments.of(new long[] {2, 5, 4, 3}, new long[] {2, 3, 3, 2}, "valid"));
    }

    @ParameterizedTest(name = "x {0} kernel {1} {2}")
    @MethodSource("firstLayerCases")
    void conv2dFirstLayerWeightGradients(long[] xShape, long[] k, String padding) {
        // An input of few channels that needs no gradient takes the patches + one GEMM path.
        INDArray x = uniform(31, -1, 1, xShape);
        Padding p = Padding.of(padding);
        check("conv2d first layer " + padding, t -> Conv2dOp.apply(Tensor.constant(x), t[0], t[1], new int[] {1, 1},
                p), uniform(32, -1, 1, k), uniform(33, -1, 1, k[3]));
        check("conv2d first layer no bias " + padding, t -> Conv2dOp.apply(Tensor.constant(x), t[0], null,
                new int[] {1, 1}, p), uniform(32, -1, 1, k));
    }

    @ParameterizedTest(name = "x {0} kernel {1} {2}")
    @MethodSource("firstLayerCases")
    void conv2dFirstLayerFloat32PatchesMatchConv2dBp(long[] xShape, long[] k, String padding) {
        // The same path in float32, the type networks train in, against libnd4j's conv2d_bp
        // (reached by asking for the input gradient too). Float32 would go through oneDNN
        // (OneDnnOpsTest), so it is turned off here.
        System.setProperty(OneDnn.PROPERTY, "false");
        INDArray x = uniform(41, -1, 1, xShape).castTo(DataType.FLOAT);
        INDArray kernel = uniform(42, -1, 1, k).castTo(DataType.FLOAT);
        INDArray bias = uniform(43, -1, 1, k[3]).castTo(DataType.FLOAT);
        INDArray dy = null;
        INDArray[][] grads = new INDArray[2][];
        for (int variant = 0; variant < 2; variant++) {
            Tensor xt = variant == 0 ? Tensor.constant(x) : Tensor.variable(x.dup());
            Tensor kt = Tensor.variable(kernel.dup());
            Tensor bt = Tensor.variable(bias.dup());
            Tensor y = Conv2dOp.apply(xt, kt, bt, new int[] {1, 1}, Padding.of(padding));
            if (dy == null) {
                dy = uniform(44, -1, 1, y.shape()).castTo(DataType.FLOAT);
            }
            y.backward(dy);
            grads[variant] = new INDArray[] {kt.grad().dup(), bt.grad().dup()};
        }
        assertThat(grads[0][0].equalsWithEps(grads[1][0], 1e-4)).as("kernel gradient " + grads[0][0] + " vs "
                + grads[1][0]).isTrue();
        assertThat(grads[0][1].equalsWithEps(grads[1][1], 1e-4)).as("bias gradient").isTrue();
    }

    @ParameterizedTest(name = "x {0} kernel {1} {2}")
    @MethodSource("firstLayerCases")
    void conv2dFirstLayerRepeatedArenaStepsFollowTheCurrentInput(long[] xShape, long[] k, String padding) {
        // Arena steps reuse their arrays, and the patches path keeps its copy views while they stay
        // the same: each step must still read the batch it is given, whether that is a new array or
        // a recycled one refilled in place (as shuffled batches are). The patches path is libnd4j's
        // side: oneDNN is turned off.
        System.setProperty(OneDnn.PROPERTY, "false");
        INDArray kernel = uniform(52, -1, 1, k).castTo(DataType.FLOAT);
        INDArray recycled = uniform(50, -1, 1, xShape).castTo(DataType.FLOAT);
        ArrayArena arena = new ArrayArena();
        for (int step = 0; step < 4; step++) {
            INDArray batch = uniform(60 + step, -1, 1, xShape).castTo(DataType.FLOAT);
            INDArray x = step % 2 == 0 ? recycled.assign(batch) : batch;
            INDArray expected;
            INDArray actual;
            try (ArrayArena.Scope s = arena.step()) {
                Tensor kt = Tensor.variable(kernel.dup());
                Tensor y = Conv2dOp.apply(Tensor.constant(x), kt, null, new int[] {1, 1}, Padding.of(padding));
                y.backward(uniform(70 + step, -1, 1, y.shape()).castTo(DataType.FLOAT));
                actual = kt.grad().dup();
            }
            Tensor xt = Tensor.variable(x.dup());
            Tensor kt = Tensor.variable(kernel.dup());
            Tensor y = Conv2dOp.apply(xt, kt, null, new int[] {1, 1}, Padding.of(padding));
            y.backward(uniform(70 + step, -1, 1, y.shape()).castTo(DataType.FLOAT));
            expected = kt.grad();
            assertThat(actual.equalsWithEps(expected, 1e-4)).as("step " + step + " kernel gradient " + actual
                    + " vs conv2d_bp's " + expected).isTrue();
        }
    }

    static Stream<Arguments> poolCases() {
        return Stream.of(
                Arguments.of(new long[] {2, 4, 4, 2}, 2, 2, "valid"),
                Arguments.of(new long[] {2, 5, 5, 2}, 2, 2, "same"),
                Arguments.of(new long[] {1, 5, 4, 3}, 3, 1, "same"),
                Arguments.of(new long[] {1, 5, 5, 2}, 2, 1, "valid"),
                Arguments.of(new long[] {1, 7, 8, 1}, 3, 2, "same"));
    }

    @ParameterizedTest
    @MethodSource("poolCases")
    void pooling(long[] x, int pool, int stride, String padding) {
        int[] p = {pool, pool};
        int[] s = {stride, stride};
        Padding pad = Padding.of(padding);
        // Distinct, well-separated values: no ties, so the max is unique under the probe step.
        check("max_pooling2d " + padding, t -> MaxPool2dOp.apply(t[0], p, s, pad), distinct(17, 0.01, x));
        check("average_pooling2d " + padding, t -> AvgPool2dOp.apply(t[0], p, s, pad), uniform(18, -1, 1, x));
    }

    @Test
    void globalAveragePooling() {
        check("global_average_pooling2d", t -> GlobalAvgPool2dOp.apply(t[0]), uniform(19, -1, 1, 2, 3, 4, 5));
    }

    @Test
    void batchNormalizationTraining() {
        for (long[] shape : new long[][] {{6, 4}, {2, 3, 3, 4}}) {
            int c = (int) shape[shape.length - 1];
            check("batch_normalization train " + shape.length + "d", t -> BatchNormOp.train(t[0], t[1], t[2],
                    Nd4j.zeros(t[0].dataType(), c), Nd4j.ones(t[0].dataType(), c), 0.99, 1e-3).output(),
                    uniform(20, -1, 2, shape), uniform(21, 0.5, 1.5, c), uniform(22, -1, 1, c));
        }
    }

    @Test
    void batchNormalizationInference() {
        INDArray mean = uniform(23, -0.5, 0.5, 4);
        INDArray variance = uniform(24, 0.5, 2, 4);
        check("batch_normalization inference", t -> BatchNormOp.inference(t[0], t[1], t[2], mean, variance, 1e-3),
                uniform(25, -1, 2, 2, 3, 3, 4), uniform(26, 0.5, 1.5, 4), uniform(27, -1, 1, 4));
    }

    @Test
    void dropoutTraining() {
        check("dropout", t -> DropoutOp.apply(t[0], 0.4, 1234L, true), uniform(28, -1, 1, 4, 6));
    }

    @Test
    void losses() {
        INDArray logits = uniform(29, -2, 2, 4, 5);
        INDArray soft = Nd4j.createFromArray(new double[][] {
            {0.1, 0.2, 0.3, 0.4, 0.0}, {1, 0, 0, 0, 0}, {0, 0, 0.5, 0.5, 0}, {0.2, 0.2, 0.2, 0.2, 0.2}});
        check("softmax_cross_entropy", t -> SoftmaxCrossEntropyOp.apply(t[0], soft), logits);
        check("softmax_cross_entropy per sample", t -> SoftmaxCrossEntropyOp.perSample(t[0], soft), logits);
        // Unnormalised positive rows exercise the renormalisation; values stay inside the clip.
        INDArray probs = uniform(30, 0.05, 1, 4, 5);
        check("categorical_crossentropy", t -> CategoricalCrossentropyOp.apply(t[0], soft), probs);
        INDArray labels = Nd4j.createFromArray(3, 0, 4, 1);
        check("sparse_categorical_crossentropy", t -> SparseCategoricalCrossentropyOp.apply(t[0], labels), probs);
        check("softmax then categorical_crossentropy", t -> CategoricalCrossentropyOp.apply(Ops.softmax(t[0]), soft), logits);
    }
}

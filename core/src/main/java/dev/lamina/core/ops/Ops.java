package dev.lamina.core.ops;

import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The differentiable ops as plain functions on arrays, as Keras' {@code keras.ops}: each runs the
 * same op a layer runs, records nothing, leaves its inputs unchanged and returns a new array.
 * Layout is channels-last ({@code [N, H, W, C]}), kernels {@code [kH, kW, inC, outC]}.
 *
 * <pre>{@code
 * INDArray edges = Ops.conv2d(image, kernel, "same");
 * INDArray pooled = Ops.maxPool2d(Ops.relu(edges), 2);
 * }</pre>
 */
public final class Ops {

    private Ops() {
    }

    private static INDArray run(Function<Tensor, Tensor> op, INDArray x) {
        try (GradMode.Scope off = GradMode.disabled()) {
            return op.apply(Tensor.constant(x)).value();
        }
    }

    private static INDArray run2(java.util.function.BinaryOperator<Tensor> op, INDArray a, INDArray b) {
        try (GradMode.Scope off = GradMode.disabled()) {
            return op.apply(Tensor.constant(a), Tensor.constant(b)).value();
        }
    }

    /**
     * Keras' {@code ops.conv}: a 2D convolution with stride 1 and no bias.
     *
     * @param image {@code [N, H, W, C]}
     * @param kernel {@code [kH, kW, C, filters]}
     * @param padding {@code "valid"} or {@code "same"}
     * @return {@code [N, H', W', filters]}
     * @throws IllegalArgumentException naming the shapes when they do not fit
     */
    public static INDArray conv2d(INDArray image, INDArray kernel, String padding) {
        return conv2d(image, kernel, 1, Padding.of(padding));
    }

    /**
     * A 2D convolution without bias.
     *
     * @param image {@code [N, H, W, C]}
     * @param kernel {@code [kH, kW, C, filters]}
     * @param stride the stride along both axes
     * @param padding the padding mode
     * @return {@code [N, H', W', filters]}
     * @throws IllegalArgumentException naming the shapes when they do not fit
     */
    public static INDArray conv2d(INDArray image, INDArray kernel, int stride, Padding padding) {
        try (GradMode.Scope off = GradMode.disabled()) {
            return Conv2dOp.apply(Tensor.constant(image), Tensor.constant(kernel), null, new int[] {stride, stride},
                    padding).value();
        }
    }

    /**
     * Keras' {@code ops.max_pool} with the stride equal to the pool size and no padding.
     *
     * @param image {@code [N, H, W, C]}
     * @param poolSize the window along both axes
     * @return the pooled image
     */
    public static INDArray maxPool2d(INDArray image, int poolSize) {
        return maxPool2d(image, poolSize, poolSize, Padding.VALID);
    }

    /**
     * Max pooling.
     *
     * @param image {@code [N, H, W, C]}
     * @param poolSize the window along both axes
     * @param stride the stride along both axes
     * @param padding the padding mode
     * @return the pooled image
     */
    public static INDArray maxPool2d(INDArray image, int poolSize, int stride, Padding padding) {
        int[] p = {poolSize, poolSize};
        int[] s = {stride, stride};
        return run(t -> MaxPool2dOp.apply(t, p, s, padding), image);
    }

    /**
     * Keras' {@code ops.average_pool}: average pooling, Keras' counts at the edges of same padding.
     *
     * @param image {@code [N, H, W, C]}
     * @param poolSize the window along both axes
     * @param stride the stride along both axes
     * @param padding the padding mode
     * @return the pooled image
     */
    public static INDArray avgPool2d(INDArray image, int poolSize, int stride, Padding padding) {
        int[] p = {poolSize, poolSize};
        int[] s = {stride, stride};
        return run(t -> AvgPool2dOp.apply(t, p, s, padding), image);
    }

    /**
     * @param x any array
     * @return {@code max(x, 0)} element by element
     */
    public static INDArray relu(INDArray x) {
        return run(Tensor::relu, x);
    }

    /**
     * @param x any array
     * @return the logistic sigmoid element by element
     */
    public static INDArray sigmoid(INDArray x) {
        return run(Tensor::sigmoid, x);
    }

    /**
     * @param x any array
     * @return {@code tanh(x)} element by element
     */
    public static INDArray tanh(INDArray x) {
        return run(Tensor::tanh, x);
    }

    /**
     * @param x scores, classes along the last axis
     * @return the softmax over the last axis
     */
    public static INDArray softmax(INDArray x) {
        return run(Tensor::softmax, x);
    }

    /**
     * @param a {@code [n, k]}
     * @param b {@code [k, m]}
     * @return the matrix product {@code [n, m]}
     */
    public static INDArray matmul(INDArray a, INDArray b) {
        return run2(Tensor::matmul, a, b);
    }

    /**
     * @param a an array
     * @param b an array broadcastable against {@code a} (NumPy's rules)
     * @return {@code a + b}
     */
    public static INDArray add(INDArray a, INDArray b) {
        return run2(Tensor::add, a, b);
    }

    /**
     * @param a an array
     * @param b an array broadcastable against {@code a}
     * @return {@code a * b} element by element
     */
    public static INDArray multiply(INDArray a, INDArray b) {
        return run2(Tensor::mul, a, b);
    }

    /**
     * @param a an array
     * @param b an array broadcastable against {@code a}
     * @return the element-wise maximum
     */
    public static INDArray maximum(INDArray a, INDArray b) {
        return run2(MaximumOp::apply, a, b);
    }

    /**
     * @param axis the axis (negative counts from the end)
     * @param xs arrays of one rank, equal but for {@code axis}
     * @return their concatenation
     */
    public static INDArray concatenate(int axis, INDArray... xs) {
        try (GradMode.Scope off = GradMode.disabled()) {
            return ConcatOp.apply(axis, Arrays.stream(xs).map(Tensor::constant).toArray(Tensor[]::new)).value();
        }
    }

    /**
     * @param x an array
     * @param shape the new shape in row-major order; one entry may be -1
     * @return the same elements in {@code shape}
     */
    public static INDArray reshape(INDArray x, long... shape) {
        return run(t -> t.reshape(shape), x).dup();
    }

    /**
     * @param image {@code [N, H, W, C]}
     * @return the mean over height and width, {@code [N, C]}
     */
    public static INDArray globalAvgPool2d(INDArray image) {
        return run(GlobalAvgPool2dOp::apply, image);
    }
}

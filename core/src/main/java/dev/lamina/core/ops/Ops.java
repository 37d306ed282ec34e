package dev.lamina.core.ops;

import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import java.util.Arrays;
import java.util.function.BinaryOperator;
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

    /** No axes given: a reduction over all of them (one shared empty array rather than one per call). */
    private static final int[] ALL_AXES = new int[0];

    private Ops() {
    }

    private static INDArray run(Function<Tensor, Tensor> op, INDArray x) {
        try (GradMode.Scope off = GradMode.disabled()) {
            return op.apply(Tensor.constant(x)).value();
        }
    }

    private static INDArray run2(BinaryOperator<Tensor> op, INDArray a, INDArray b) {
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
        return run(ReluOp::apply, x);
    }

    /**
     * @param x any array
     * @return the logistic sigmoid element by element
     */
    public static INDArray sigmoid(INDArray x) {
        return run(SigmoidOp::apply, x);
    }

    /**
     * @param x any array
     * @return {@code tanh(x)} element by element
     */
    public static INDArray tanh(INDArray x) {
        return run(TanhOp::apply, x);
    }

    /**
     * @param x scores, classes along the last axis
     * @return the softmax over the last axis
     */
    public static INDArray softmax(INDArray x) {
        return run(SoftmaxOp::apply, x);
    }

    /**
     * @param a {@code [n, k]}
     * @param b {@code [k, m]}
     * @return the matrix product {@code [n, m]}
     */
    public static INDArray matmul(INDArray a, INDArray b) {
        return run2(MatMulOp::apply, a, b);
    }

    /**
     * @param a an array
     * @param b an array broadcastable against {@code a} (NumPy's rules)
     * @return {@code a + b}
     */
    public static INDArray add(INDArray a, INDArray b) {
        return run2(AddOp::apply, a, b);
    }

    /**
     * @param a an array
     * @param b an array broadcastable against {@code a}
     * @return {@code a * b} element by element
     */
    public static INDArray multiply(INDArray a, INDArray b) {
        return run2(MulOp::apply, a, b);
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
        return run(t -> ReshapeOp.apply(t, shape), x).dup();
    }

    /**
     * @param image {@code [N, H, W, C]}
     * @return the mean over height and width, {@code [N, C]}
     */
    public static INDArray globalAvgPool2d(INDArray image) {
        return run(GlobalAvgPool2dOp::apply, image);
    }

    // ---- The same ops on tensors: recorded for backward() when an input requires gradients ----

    /**
     * Element-wise sum with broadcasting, recorded for {@link Tensor#backward()}.
     *
     * @param a a tensor
     * @param b a tensor broadcastable against {@code a}
     * @return {@code a + b}
     */
    public static Tensor add(Tensor a, Tensor b) {
        return AddOp.apply(a, b);
    }

    /**
     * Element-wise difference with broadcasting, recorded for {@link Tensor#backward()}.
     *
     * @param a a tensor
     * @param b a tensor broadcastable against {@code a}
     * @return {@code a - b}
     */
    public static Tensor subtract(Tensor a, Tensor b) {
        return SubOp.apply(a, b);
    }

    /**
     * Element-wise product with broadcasting, recorded for {@link Tensor#backward()}.
     *
     * @param a a tensor
     * @param b a tensor broadcastable against {@code a}
     * @return {@code a * b}
     */
    public static Tensor multiply(Tensor a, Tensor b) {
        return MulOp.apply(a, b);
    }

    /**
     * Element-wise quotient with broadcasting, recorded for {@link Tensor#backward()}.
     *
     * @param a the dividend
     * @param b the divisor, broadcastable against {@code a}
     * @return {@code a / b}
     */
    public static Tensor divide(Tensor a, Tensor b) {
        return DivOp.apply(a, b);
    }

    /**
     * Matrix product of two rank-2 tensors, recorded for {@link Tensor#backward()}.
     *
     * @param a {@code [n, k]}
     * @param b {@code [k, m]}
     * @return {@code [n, m]}
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        return MatMulOp.apply(a, b);
    }

    /**
     * Reshape in row-major order, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @param shape the new shape; one entry may be -1
     * @return the same elements in {@code shape}
     */
    public static Tensor reshape(Tensor x, long... shape) {
        return ReshapeOp.apply(x, shape);
    }

    /**
     * Flattens all but the first axis in row-major order, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor of rank 2 or more
     * @return {@code [N, rest]}
     */
    public static Tensor flatten(Tensor x) {
        return FlattenOp.apply(x);
    }

    /**
     * Sum of all elements, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return a scalar tensor
     */
    public static Tensor sum(Tensor x) {
        return SumOp.apply(x, false, ALL_AXES);
    }

    /**
     * Sum over axes, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @param keepDims keep the reduced axes with size 1
     * @param axes the axes (negative counts from the end); none means all
     * @return the sums
     */
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
        return SumOp.apply(x, keepDims, axes);
    }

    /**
     * Mean of all elements, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return a scalar tensor
     */
    public static Tensor mean(Tensor x) {
        return MeanOp.apply(x, false, ALL_AXES);
    }

    /**
     * Mean over axes, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @param keepDims keep the reduced axes with size 1
     * @param axes the axes (negative counts from the end); none means all
     * @return the means
     */
    public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
        return MeanOp.apply(x, keepDims, axes);
    }

    /**
     * Element-wise exponential, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return {@code exp(x)}
     */
    public static Tensor exp(Tensor x) {
        return ExpOp.apply(x);
    }

    /**
     * Element-wise natural logarithm, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return {@code log(x)}
     */
    public static Tensor log(Tensor x) {
        return LogOp.apply(x);
    }

    /**
     * Rectified linear unit, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return {@code max(x, 0)}
     */
    public static Tensor relu(Tensor x) {
        return ReluOp.apply(x);
    }

    /**
     * Hyperbolic tangent, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return {@code tanh(x)}
     */
    public static Tensor tanh(Tensor x) {
        return TanhOp.apply(x);
    }

    /**
     * Logistic sigmoid, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return {@code 1 / (1 + exp(-x))}
     */
    public static Tensor sigmoid(Tensor x) {
        return SigmoidOp.apply(x);
    }

    /**
     * Softmax over the last axis, recorded for {@link Tensor#backward()}.
     *
     * @param x a tensor
     * @return the normalised exponentials
     */
    public static Tensor softmax(Tensor x) {
        return SoftmaxOp.apply(x);
    }
}

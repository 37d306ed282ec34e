package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;
import dev.lamina.core.Tensor;

/** Element-wise minimum with NumPy broadcasting: Keras' {@code ops.minimum}. */
public final class MinimumOp {

    private static final NativeOp MINIMUM = new NativeOp("minimum");
    private static final NativeOp LESS_EQUAL = new NativeOp("less_equal");

    private MinimumOp() {
    }

    /**
     * {@code min(a, b)}, element by element. The gradient flows to {@code a} where
     * {@code a <= b} and to {@code b} elsewhere (TensorFlow's rule for ties).
     *
     * @param a left operand
     * @param b right operand, broadcastable against {@code a}, of the same data type
     * @return the minimum, of the broadcast shape
     * @throws IllegalArgumentException naming both shapes when they do not broadcast, or both
     *     types when they differ
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return Extremum.apply("minimum", MINIMUM, LESS_EQUAL, a, b);
    }
}

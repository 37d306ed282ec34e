package dev.lamina.core.ops;


import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Window2d;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks, output shape and window of max and average pooling (channels-last). */
final class Pooling {

    private Pooling() {
    }

    /** The window of a pooling call whose output {@link #output} made. */
    static Window2d window(INDArray x, int[] poolSize, int[] strides, Padding padding, INDArray y) {
        return Window2d.of(x.size(1), x.size(2), poolSize[0], poolSize[1], strides[0], strides[1],
                padding == Padding.SAME, y.size(1), y.size(2));
    }

    /**
     * The pooled output {@code [N, oH, oW, C]} to write, after checking every argument.
     *
     * @throws IllegalArgumentException naming the op, the input shape and the offending argument
     */
    static INDArray output(String opName, INDArray xv, int[] poolSize, int[] strides, Padding padding) {
        ShapeChecks.pair(opName, "pool_size", poolSize);
        ShapeChecks.pair(opName, "strides", strides);
        if (xv.rank() != 4) {
            throw ShapeChecks.error(opName, "input must have rank 4 [batch, height, width, channels], got input shape "
                    + ShapeChecks.str(xv));
        }
        long oh = checkedOutputSize(opName, "pool_size", xv, 1, poolSize[0], strides[0], padding);
        long ow = checkedOutputSize(opName, "pool_size", xv, 2, poolSize[1], strides[1], padding);
        return ArrayArena.uninitialized(xv.dataType(), xv.size(0), oh, ow, xv.size(3));
    }

    /** Output size along spatial axis {@code axis}, refusing windows that cannot fit. */
    static long checkedOutputSize(String op, String argName, INDArray x, int axis, long window, long stride,
            Padding padding) {
        long in = x.size(axis);
        if (padding == Padding.VALID && window > in) {
            throw ShapeChecks.error(op, argName + " " + window + " along " + (axis == 1 ? "height" : "width")
                    + " is larger than the input's " + in + " with padding 'valid' (input shape " + ShapeChecks.str(x) + ")");
        }
        return padding.outputSize(in, window, stride);
    }
}

package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global max pooling over height and width: {@code [N, H, W, C] -> [N, C]} or, keeping the
 * spatial axes, {@code [N, 1, 1, C]}. The gradient goes to the position of each maximum (the first
 * one on ties).
 */
public final class GlobalMaxPool2dOp {

    private static final String NAME = "global_max_pooling2d";

    private GlobalMaxPool2dOp() {
    }

    /**
     * Maximum over the spatial axes, {@code [N, C]}.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @return the {@code [N, C]} maxima
     * @throws IllegalArgumentException for an input not of rank 4 or without pixels
     */
    public static Tensor apply(Tensor x) {
        return apply(x, false);
    }

    /**
     * Maximum over the spatial axes.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @param keepDims whether the result keeps the spatial axes, as size 1
     * @return the {@code [N, C]} or {@code [N, 1, 1, C]} maxima
     * @throws IllegalArgumentException for an input not of rank 4 or without pixels
     */
    public static Tensor apply(Tensor x, boolean keepDims) {
        INDArray xv = x.value();
        ShapeChecks.requireRank(NAME, "input", xv, 4);
        if (xv.size(1) == 0 || xv.size(2) == 0) {
            throw ShapeChecks.error(NAME, "input has no pixels, got shape " + ShapeChecks.str(xv));
        }
        // One window over the whole image: max pooling's kernels, the oneDNN one included, and
        // its backward rule, which routes each gradient to the winning position.
        int[] window = {Math.toIntExact(xv.size(1)), Math.toIntExact(xv.size(2))};
        Tensor pooled = MaxPool2dOp.apply(x, window, window, Padding.VALID);
        return keepDims ? pooled : ReshapeOp.matrix(pooled, xv.size(0), xv.size(3));
    }
}

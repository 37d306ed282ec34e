package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global average pooling over height and width: {@code [N, H, W, C] -> [N, C]} or, keeping the
 * spatial axes, {@code [N, 1, 1, C]}.
 */
public final class GlobalAvgPool2dOp {

    private static final int[] SPATIAL = {1, 2};

    private GlobalAvgPool2dOp() {
    }

    /**
     * Mean over the spatial axes, {@code [N, C]}.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @return the {@code [N, C]} means
     */
    public static Tensor apply(Tensor x) {
        return apply(x, false);
    }

    /**
     * Mean over the spatial axes.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @param keepDims whether the result keeps the spatial axes, as size 1
     * @return the {@code [N, C]} or {@code [N, 1, 1, C]} means
     */
    public static Tensor apply(Tensor x, boolean keepDims) {
        INDArray xv = x.value();
        ShapeChecks.requireRank("global_average_pooling2d", "input", xv, 4);
        INDArray y = Reduction.mean(xv, keepDims, SPATIAL);
        long[] shape = xv.shape();
        double scale = 1.0 / (shape[1] * shape[2]);
        return Tensor.record("global_average_pooling2d", y,
                dy -> Reduction.spread(dy, shape, SPATIAL, scale), x);
    }
}

package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Global average pooling over height and width: {@code [N, H, W, C] -> [N, C]}. */
public final class GlobalAvgPool2dOp {

    private static final int[] SPATIAL = {1, 2};

    private GlobalAvgPool2dOp() {
    }

    /**
     * Mean over the spatial axes.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @return the {@code [N, C]} means
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        Shapes.requireRank("global_average_pooling2d", "input", xv, 4);
        INDArray y = xv.mean(false, SPATIAL);
        long[] shape = xv.shape();
        double scale = 1.0 / (shape[1] * shape[2]);
        return Tensor.record("global_average_pooling2d", y,
                dy -> Reduction.spread(dy, shape, SPATIAL, scale), x);
    }
}

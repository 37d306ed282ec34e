package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean over axes. */
public final class MeanOp {

    private MeanOp() {
    }

    /**
     * Averages over the given axes (all axes when none are given).
     *
     * @param x the tensor
     * @param keepDims keep the reduced axes with size 1
     * @param axes the axes, negative counting from the end
     * @return the means
     */
    public static Tensor apply(Tensor x, boolean keepDims, int... axes) {
        INDArray xv = x.value();
        int[] ax = ShapeChecks.axes("mean", xv.rank(), axes);
        INDArray y = Reduction.mean(xv, keepDims, ax);
        long[] shape = xv.shape();
        long count = 1;
        for (int a : ax) {
            count *= shape[a];
        }
        double scale = 1.0 / count;
        return Tensor.record("mean", y, dy -> Reduction.spread(dy, shape, ax, scale), x);
    }
}

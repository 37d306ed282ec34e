package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sum over axes. */
public final class SumOp {

    private SumOp() {
    }

    /**
     * Sums over the given axes (all axes when none are given).
     *
     * @param x the tensor
     * @param keepDims keep the reduced axes with size 1
     * @param axes the axes, negative counting from the end
     * @return the sums
     */
    public static Tensor apply(Tensor x, boolean keepDims, int... axes) {
        INDArray xv = x.value();
        int[] ax = ShapeChecks.axes("sum", xv.rank(), axes);
        INDArray y = Reduction.sum(xv, keepDims, ax);
        long[] shape = xv.shape();
        return Tensor.record("sum", y, dy -> Reduction.spread(dy, shape, ax, 1.0), x);
    }
}

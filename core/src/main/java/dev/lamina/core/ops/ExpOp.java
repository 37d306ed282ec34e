package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise exponential. */
public final class ExpOp {

    private ExpOp() {
    }

    /**
     * {@code exp(x)}.
     *
     * @param x the tensor
     * @return the exponentials
     */
    public static Tensor apply(Tensor x) {
        INDArray y = ElementWise.exp(x.value());
        return Tensor.record("exp", y, dy -> ElementWise.mul(dy, y), x);
    }
}

package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        INDArray y = Transforms.exp(x.value(), true);
        return Tensor.record("exp", y, dy -> ElementWise.mul(dy, y), x);
    }
}

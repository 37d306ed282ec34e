package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise natural logarithm. */
public final class LogOp {

    private LogOp() {
    }

    /**
     * {@code log(x)}.
     *
     * @param x a positive tensor
     * @return the logarithms
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        INDArray y = Transforms.log(xv, true);
        return Tensor.record("log", y, dy -> ElementWise.div(dy, xv), x);
    }
}

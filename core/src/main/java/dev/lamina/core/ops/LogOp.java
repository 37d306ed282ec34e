package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        INDArray y = ElementWise.log(xv);
        return Tensor.record("log", y, dy -> ElementWise.div(dy, xv), x);
    }
}

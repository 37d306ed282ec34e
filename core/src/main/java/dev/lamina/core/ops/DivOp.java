package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise division with NumPy broadcasting. */
public final class DivOp {

    private DivOp() {
    }

    /**
     * {@code a / b}.
     *
     * @param a dividend
     * @param b divisor, broadcastable against {@code a}
     * @return the quotient, of the broadcast shape
     */
    public static Tensor apply(Tensor a, Tensor b) {
        INDArray av = a.value();
        INDArray bv = b.value();
        INDArray y = ElementWise.div(av, bv);
        return Tensor.record("divide", y, (dy, needs) -> new INDArray[] {
            needs[0] ? Broadcasting.reduceTo(ElementWise.div(dy, bv), av.shape()) : null,
            // d(a/b)/db = -a/b^2 = -y/b
            needs[1] ? Broadcasting.reduceTo(ElementWise.div(ElementWise.mul(dy, y), bv).negi(), bv.shape()) : null}, a, b);
    }
}

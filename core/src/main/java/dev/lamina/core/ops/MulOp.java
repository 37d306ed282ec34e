package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise multiplication with NumPy broadcasting. */
public final class MulOp {

    private MulOp() {
    }

    /**
     * {@code a * b}.
     *
     * @param a left operand
     * @param b right operand, broadcastable against {@code a}
     * @return the product, of the broadcast shape
     */
    public static Tensor apply(Tensor a, Tensor b) {
        INDArray av = a.value();
        INDArray bv = b.value();
        INDArray y = ElementWise.mul(av, bv);
        return Tensor.record("multiply", y, (dy, needs) -> new INDArray[] {
            needs[0] ? Broadcasting.reduceTo(ElementWise.mul(dy, bv), av.shape()) : null,
            needs[1] ? Broadcasting.reduceTo(ElementWise.mul(dy, av), bv.shape()) : null}, a, b);
    }
}

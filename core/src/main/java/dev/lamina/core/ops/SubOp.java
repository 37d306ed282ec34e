package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise subtraction with NumPy broadcasting. */
public final class SubOp {

    private SubOp() {
    }

    /**
     * {@code a - b}.
     *
     * @param a left operand
     * @param b right operand, broadcastable against {@code a}
     * @return the difference, of the broadcast shape
     */
    public static Tensor apply(Tensor a, Tensor b) {
        INDArray y = ElementWise.sub(a.value(), b.value());
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("subtract", y, (dy, needs) -> new INDArray[] {
            needs[0] ? Broadcasting.reduceTo(dy, sa) : null,
            needs[1] ? Broadcasting.reduceTo(ElementWise.neg(dy), sb) : null}, a, b);
    }
}

package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise addition with NumPy broadcasting. */
public final class AddOp {

    private AddOp() {
    }

    /**
     * {@code a + b}.
     *
     * @param a left operand
     * @param b right operand, broadcastable against {@code a}
     * @return the sum, of the broadcast shape
     */
    public static Tensor apply(Tensor a, Tensor b) {
        INDArray y = ElementWise.add(a.value(), b.value());
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("add", y, (dy, needs) -> new INDArray[] {
            needs[0] ? Broadcasting.reduceTo(dy, sa) : null,
            needs[1] ? Broadcasting.reduceTo(dy, sb) : null}, a, b);
    }
}

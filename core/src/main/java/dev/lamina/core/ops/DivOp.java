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
            needs[1] ? Broadcasting.reduceTo(divisorGradient(dy, y, bv), bv.shape()) : null}, a, b);
    }

    /** d(a/b)/db times dy, of the broadcast shape: {@code -a/b^2 = -y/b}. */
    private static INDArray divisorGradient(INDArray dy, INDArray y, INDArray b) {
        INDArray g = ElementWise.div(ElementWise.mul(dy, y), b);
        ElementWise.negInPlace(g);
        return g;
    }
}

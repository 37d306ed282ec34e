package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hyperbolic tangent. */
public final class TanhOp {

    private static final NativeOp TANH = new NativeOp("tanh");
    private static final NativeOp TANH_BP = new NativeOp("tanh_bp");

    private TanhOp() {
    }

    /**
     * {@code tanh(x)}.
     *
     * @param x the tensor
     * @return the tangents
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        INDArray y = ElementWise.unary(TANH, xv);
        return Tensor.record("tanh", y, (dy, needs) -> new INDArray[] {ElementWise.unaryBackward(TANH_BP, xv, dy)}, x);
    }
}

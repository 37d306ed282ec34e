package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Rectified linear unit; its derivative is 0 at exactly 0, as in Keras. */
public final class ReluOp {

    private static final NativeOp RELU = new NativeOp("relu");
    private static final NativeOp RELU_BP = new NativeOp("relu_bp");

    private ReluOp() {
    }

    /**
     * {@code max(x, 0)}.
     *
     * @param x the tensor
     * @return the rectified tensor
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        INDArray y = ElementWise.unary(RELU, xv, 0.0);
        return Tensor.record("relu", y, (dy, needs) -> new INDArray[] {ElementWise.unaryBackward(RELU_BP, xv, dy, 0.0)},
                x);
    }
}

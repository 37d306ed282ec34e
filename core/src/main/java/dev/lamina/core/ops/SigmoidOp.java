package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Logistic sigmoid. */
public final class SigmoidOp {

    private static final NativeOp SIGMOID = new NativeOp("sigmoid");
    private static final NativeOp SIGMOID_BP = new NativeOp("sigmoid_bp");

    private SigmoidOp() {
    }

    /**
     * {@code 1 / (1 + exp(-x))}.
     *
     * @param x the tensor
     * @return the sigmoids
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        INDArray y = ElementWise.unary(SIGMOID, xv);
        return Tensor.record("sigmoid", y,
                dy -> ElementWise.unaryBackward(SIGMOID_BP, xv, dy), x);
    }
}

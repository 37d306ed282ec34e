package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.backend.onednn.Eltwise;
import dev.lamina.backend.onednn.OneDnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/** Rectified linear unit; its derivative is 0 at exactly 0, as in Keras. */
public final class ReluOp {

    private static final NativeOp RELU = new NativeOp("relu");
    /** libnd4j's relu takes its cutoff as a float argument. */
    private static final double[] CUTOFF_ZERO = {0.0};

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
        INDArray y = ElementWise.unary(RELU, xv, CUTOFF_ZERO);
        return Tensor.record("relu", y, dy -> backward(y, dy), x);
    }

    /**
     * {@code dy * sign(y)}: y = relu(x) is positive exactly where x is, and 0 elsewhere, so its sign
     * is the derivative (0 at 0). Two streaming passes; libnd4j's relu_bp measured several times
     * slower on a conv activation (figures in docs/PERFORMANCE.md).
     */
    private static INDArray backward(INDArray y, INDArray dy) {
        if (OneDnn.supports(y, dy)) {
            INDArray dx = ArrayArena.uninitialized(y.dataType(), y.shape());
            Eltwise.backward(Eltwise.Activation.RELU, y, ArrayArena.rowMajor(dy), dx);
            return dx;
        }
        INDArray mask = ArrayArena.uninitialized(y.dataType(), y.shape());
        Nd4j.getExecutioner().exec(new Sign(y, mask));
        INDArray dx = ArrayArena.uninitialized(y.dataType(), y.shape());
        ElementWise.MULTIPLY.exec(dy, mask, dx, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        return dx;
    }
}

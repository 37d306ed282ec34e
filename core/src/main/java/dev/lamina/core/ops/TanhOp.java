package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.backend.onednn.Eltwise;
import dev.lamina.backend.onednn.OneDnn;
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
        return Tensor.record("tanh", y, dy -> backward(xv, y, dy), x);
    }

    /** From the output when oneDNN can (one pass), else libnd4j's {@code tanh_bp} from the input. */
    private static INDArray backward(INDArray x, INDArray y, INDArray dy) {
        if (OneDnn.supports(y, dy)) {
            INDArray dx = ArrayArena.uninitialized(y.dataType(), y.shape());
            Eltwise.backward(Eltwise.Activation.TANH, y, ArrayArena.rowMajor(dy), dx);
            return dx;
        }
        return ElementWise.unaryBackward(TANH_BP, x, dy);
    }
}

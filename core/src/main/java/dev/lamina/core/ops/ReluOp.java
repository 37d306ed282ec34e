package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Rectified linear unit; its derivative is 0 at exactly 0, as in Keras. */
public final class ReluOp {

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
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        Kernels.activations(xv).relu(xv, y);
        return Tensor.record("relu", y, dy -> {
            INDArray dx = ArrayArena.uninitialized(y.dataType(), y.shape());
            Kernels.activations(y, dy).reluBackward(y, dy, dx);
            return dx;
        }, x);
    }
}

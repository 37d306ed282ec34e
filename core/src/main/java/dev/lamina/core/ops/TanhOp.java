package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hyperbolic tangent. */
public final class TanhOp {

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
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        Kernels.activations(xv).tanh(xv, y);
        return Tensor.record("tanh", y, dy -> {
            INDArray dx = ArrayArena.uninitialized(y.dataType(), y.shape());
            Kernels.activations(y, dy).tanhBackward(xv, y, dy, dx);
            return dx;
        }, x);
    }
}

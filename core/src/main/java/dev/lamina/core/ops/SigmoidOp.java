package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Logistic sigmoid through the {@link dev.lamina.backend.ActivationKernels} chosen for its input. */
public final class SigmoidOp {

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
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        Kernels.activations(xv).sigmoid(xv, y);
        return Tensor.record("sigmoid", y, dy -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            Kernels.activations(xv, dy).sigmoidBackward(xv, y, dy, dx);
            return dx;
        }, x);
    }
}

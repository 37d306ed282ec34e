package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Softmax over the last axis, shifted by the maximum for stability. */
public final class SoftmaxOp {

    private SoftmaxOp() {
    }

    /**
     * {@code exp(x - max) / sum(exp(x - max))} along the last axis.
     *
     * @param x a tensor of rank ≥ 1
     * @return the probabilities, same shape
     * @throws IllegalArgumentException for a scalar
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        if (xv.rank() < 1) {
            throw ShapeChecks.error("softmax", "input must have rank >= 1, got a scalar");
        }
        int axis = xv.rank() - 1;
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        Kernels.activations(xv).softmax(xv, y, axis);
        return Tensor.record("softmax", y, dy -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            Kernels.activations(xv, dy).softmaxBackward(xv, dy, dx, axis);
            return dx;
        }, x);
    }
}

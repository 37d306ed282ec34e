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
        return recorded(y, x);
    }

    /**
     * {@code max(x, 0)} written over x's own array, which the result then holds: one activation
     * fewer for the step to keep. The caller promises that nothing reads x's value afterwards:
     * relu is x's only reader, and {@link Tensor#isResultUnreadByBackward()} holds for x (relu's
     * own backward reads only its result).
     *
     * @param x the tensor, whose value is overwritten
     * @return the rectified tensor, sharing x's array
     * @throws IllegalArgumentException when x's value may still be read by its op's backward rule
     */
    public static Tensor applyOverwriting(Tensor x) {
        if (!x.isResultUnreadByBackward()) {
            throw new IllegalArgumentException("relu cannot overwrite " + x + ": its op's backward rule reads it");
        }
        INDArray y = x.value();
        Kernels.activations(y).relu(y, y);
        return recorded(y, x);
    }

    /** The result, with relu's backward rule, which reads only the result. */
    private static Tensor recorded(INDArray y, Tensor x) {
        return Tensor.record("relu", y, dy -> {
            INDArray dx = ArrayArena.uninitialized(y.dataType(), y.shape());
            Kernels.activations(y, dy).reluBackward(y, dy, dx);
            return dx;
        }, x);
    }
}

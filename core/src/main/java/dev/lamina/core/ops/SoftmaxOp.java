package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.backend.onednn.OneDnn;
import dev.lamina.backend.onednn.Softmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Softmax over the last axis, shifted by the maximum for stability. */
public final class SoftmaxOp {

    private static final NativeOp SOFTMAX = new NativeOp("softmax");
    private static final NativeOp SOFTMAX_BP = new NativeOp("softmax_bp");

    private SoftmaxOp() {
    }

    /**
     * {@code exp(x - max) / sum(exp(x - max))} along the last axis.
     *
     * @param x a tensor of rank ≥ 1
     * @return the probabilities, same shape
     */
    public static Tensor apply(Tensor x) {
        INDArray xv = x.value();
        if (xv.rank() < 1) {
            throw ShapeChecks.error("softmax", "input must have rank >= 1, got a scalar");
        }
        long[] dim = {xv.rank() - 1};
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        if (xv.rank() == 2 && OneDnn.supports(xv)) {
            Softmax.forward(ArrayArena.rowMajor(xv), y);
        } else {
            SOFTMAX.exec(xv, y, dim, NativeOp.NO_TARGS);
        }
        return Tensor.record("softmax", y, dy -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            // softmax_bp takes the op's input x, not its output.
            SOFTMAX_BP.exec(xv, dy, dx, dim, NativeOp.NO_TARGS);
            return dx;
        }, x);
    }
}

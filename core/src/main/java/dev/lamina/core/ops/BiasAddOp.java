package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adds a per-channel bias along the last axis (channels-last) through the
 * {@link dev.lamina.backend.ElementwiseKernels} chosen for the input.
 */
public final class BiasAddOp {

    private BiasAddOp() {
    }

    /**
     * {@code x + bias}, the bias broadcast over every axis but the last.
     *
     * @param x a tensor of rank ≥ 2
     * @param bias a {@code [C]} tensor, C the size of x's last axis
     * @return the biased tensor, shape of x
     */
    public static Tensor apply(Tensor x, Tensor bias) {
        INDArray xv = x.value();
        INDArray bv = bias.value();
        if (xv.rank() < 2 || bv.rank() != 1 || bv.length() != xv.size(xv.rank() - 1)) {
            throw ShapeChecks.error("bias_add", "bias of shape " + ShapeChecks.str(bv)
                    + " does not match the last axis of input shape " + ShapeChecks.str(xv));
        }
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        Kernels.elementwise(xv).biasAdd(xv, bv, y);
        return Tensor.record("bias_add", y, (dy, needs) -> new INDArray[] {
            needs[0] ? dy : null,
            needs[1] ? sumAllButLast(dy) : null}, x, bias).resultUnreadByBackward();
    }

    /** {@code x += bias} along the last axis, in x's memory. */
    static void addInPlace(INDArray x, INDArray bias) {
        Kernels.elementwise(x).biasAdd(x, bias, x);
    }

    /**
     * Sums over every axis but the last: the gradient of a per-channel parameter. A contiguous
     * array goes through {@link Reductions#columnSums}; ND4J's {@code sum} over leading axes is
     * many times slower there.
     */
    static INDArray sumAllButLast(INDArray a) {
        long c = a.size(a.rank() - 1);
        if (a.ordering() == 'c' && !a.isView()) {
            return Reductions.columnSums(ArrayArena.reshape(a, a.length() / c, c));
        }
        int[] axes = new int[a.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return Reduction.sum(a, false, axes);
    }
}

package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Matrix product of rank-2 tensors through the {@link dev.lamina.backend.MatMulKernels} chosen for them. */
public final class MatMulOp {

    private MatMulOp() {
    }
    /**
     * {@code a · b}.
     *
     * @param a a {@code [n, k]} tensor
     * @param b a {@code [k, m]} tensor
     * @return the {@code [n, m]} product
     * @throws IllegalArgumentException naming both shapes when they do not fit
     */
    public static Tensor apply(Tensor a, Tensor b) {
        INDArray av = a.value();
        INDArray bv = b.value();
        if (av.rank() != 2 || bv.rank() != 2 || av.size(1) != bv.size(0)) {
            throw ShapeChecks.error("matmul", "shapes " + ShapeChecks.str(av) + " and " + ShapeChecks.str(bv)
                    + " do not fit: expected [n, k] and [k, m]"
                    + (av.rank() == 2 && bv.rank() == 2 ? " (k = " + av.size(1) + " vs " + bv.size(0) + ")" : ""));
        }
        INDArray y = product(av, bv, false, false);
        return Tensor.record("matmul", y, (dy, needs) -> new INDArray[] {
            needs[0] ? product(dy, bv, false, true) : null,
            needs[1] ? product(av, dy, true, false) : null}, a, b).resultUnreadByBackward();
    }

    /** {@code op(x) · op(y)} into an arena array, where op transposes when asked. */
    static INDArray product(INDArray x, INDArray y, boolean transX, boolean transY) {
        long rows = transX ? x.size(1) : x.size(0);
        long cols = transY ? y.size(0) : y.size(1);
        INDArray out = ArrayArena.uninitialized(x.dataType(), rows, cols);
        Kernels.matmul(x, y).matmul(x, y, transX, transY, out);
        return out;
    }
}

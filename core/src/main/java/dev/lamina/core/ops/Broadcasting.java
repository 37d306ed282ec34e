package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** NumPy broadcasting for the element-wise ops and its reverse for their gradients. */
final class Broadcasting {

    private Broadcasting() {
    }

    /**
     * NumPy's broadcast shape of two operands: an operand's own shape array when one broadcasts into
     * the other (read only; the common case, as a per-sample column against a batch), else a new
     * one. ND4J's {@code Shape.broadcastOutputShape} builds lists on the way.
     */
    static long[] resultShape(String op, INDArray a, INDArray b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        if (broadcastsInto(sb, sa)) {
            return sa;
        }
        if (broadcastsInto(sa, sb)) {
            return sb;
        }
        int rank = Math.max(sa.length, sb.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - sa.length ? 1 : sa[i - (rank - sa.length)];
            long db = i < rank - sb.length ? 1 : sb[i - (rank - sb.length)];
            if (da != db && da != 1 && db != 1) {
                throw ShapeChecks.error(op, "shapes " + ShapeChecks.str(a) + " and " + ShapeChecks.str(b)
                        + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Whether an operand of shape {@code small} broadcasts to exactly {@code big}. */
    private static boolean broadcastsInto(long[] small, long[] big) {
        if (small.length > big.length) {
            return false;
        }
        for (int i = 1; i <= small.length; i++) {
            long d = small[small.length - i];
            if (d != 1 && d != big[big.length - i]) {
                return false;
            }
        }
        return true;
    }

    /** Sums a gradient over the axes along which an operand of {@code shape} was broadcast. */
    static INDArray reduceTo(INDArray grad, long[] shape) {
        long[] g = grad.shape();
        if (Arrays.equals(g, shape)) {
            return grad;
        }
        int lead = g.length - shape.length;
        int[] axes = new int[g.length];
        int n = 0;
        for (int i = 0; i < g.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && g[i] != 1)) {
                axes[n++] = i;
            }
        }
        INDArray summed = Reduction.sum(grad, true, Arrays.copyOf(axes, n));
        return ArrayArena.reshape(summed, shape);
    }

    /** Expands {@code a} (broadcastable to {@code shape}) to a new array of {@code shape}. */
    static INDArray expand(INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray out = ArrayArena.uninitialized(a.dataType(), shape);
        Kernels.arrays(a).broadcastTo(a, out);
        return out;
    }
}

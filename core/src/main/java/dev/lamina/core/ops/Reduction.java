package dev.lamina.core.ops;

import dev.lamina.core.ArrayArena;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums and means over axes into arena arrays through libnd4j's reduce ops, and their backward:
 * spreading a reduced gradient back over the reduced axes.
 */
final class Reduction {

    static final NativeOp SUM = new NativeOp("reduce_sum");
    static final NativeOp MEAN = new NativeOp("reduce_mean");

    private static final double[] KEEP_DIMS = {1.0};
    private static final double[] DROP_DIMS = {0.0};

    private Reduction() {
    }

    /**
     * Reduces {@code x} over {@code axes} (valid and ascending).
     *
     * @param op {@link #SUM} or {@link #MEAN}
     * @param x the input
     * @param keepDims whether reduced axes stay as size 1
     * @param axes the axes to reduce, ascending (repeats count once)
     * @return a new array (from the active arena, if any)
     */
    static INDArray reduce(NativeOp op, INDArray x, boolean keepDims, int[] axes) {
        for (int i = 1; i < axes.length; i++) {
            if (axes[i] == axes[i - 1]) {
                return reduce(op, x, keepDims, Arrays.stream(axes).distinct().toArray());
            }
        }
        long[] shape = x.shape();
        long[] out = new long[keepDims ? shape.length : shape.length - axes.length];
        for (int i = 0, k = 0, a = 0; i < shape.length; i++) {
            boolean reduced = a < axes.length && axes[a] == i;
            if (reduced) {
                a++;
            }
            if (!reduced) {
                out[k++] = shape[i];
            } else if (keepDims) {
                out[k++] = 1;
            }
        }
        INDArray y = ArrayArena.uninitialized(x.dataType(), out);
        long[] iargs = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            iargs[i] = axes[i];
        }
        // Targ 0 is keepDims: libnd4j reads it from there when no boolean argument is given.
        op.exec(x, y, iargs, keepDims ? KEEP_DIMS : DROP_DIMS);
        return y;
    }

    /**
     * Broadcasts {@code dy} (the gradient of a reduction over {@code axes} of an input of
     * {@code shape}, with or without kept dimensions) back to {@code shape}, times {@code scale}.
     */
    static INDArray spread(INDArray dy, long[] shape, int[] axes, double scale) {
        INDArray source;
        if (dy.length() == 1) {
            // A full reduction's gradient broadcasts as it is (no reshaped view to make).
            source = dy;
        } else {
            long[] kept = shape.clone();
            for (int a : axes) {
                kept[a] = 1;
            }
            source = ArrayArena.reshape(dy, kept);
        }
        if (scale == 1.0) {
            return Broadcasting.expand(source, shape);
        }
        INDArray factor = Constants.scalar(dy.dataType(), scale);
        if (Arrays.equals(source.shape(), shape)) {
            // Nothing to broadcast: source is the caller's gradient, which must not change.
            return ElementWise.mul(source, factor);
        }
        INDArray expanded = Broadcasting.expand(source, shape);
        ElementWise.MULTIPLY.exec(expanded, factor, expanded, NativeOp.NO_IARGS,
                NativeOp.NO_TARGS);
        return expanded;
    }
}

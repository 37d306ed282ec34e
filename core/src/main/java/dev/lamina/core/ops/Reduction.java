package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Constants;
import dev.lamina.backend.NativeOp;
import dev.lamina.backend.nd4j.Nd4jReductions;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums and means over axes through libnd4j's reduce ops ({@link Nd4jReductions}), and their
 * backward: spreading a reduced gradient back over the reduced axes.
 */
final class Reduction {

    static final NativeOp SUM = Nd4jReductions.SUM;
    static final NativeOp MEAN = Nd4jReductions.MEAN;

    private Reduction() {
    }

    /** {@link Nd4jReductions#reduce}. */
    static INDArray reduce(NativeOp op, INDArray x, boolean keepDims, int[] axes) {
        return Nd4jReductions.reduce(op, x, keepDims, axes);
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

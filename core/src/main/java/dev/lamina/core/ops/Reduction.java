package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Constants;
import dev.lamina.backend.dispatch.Kernels;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums and means over axes through the {@link dev.lamina.backend.ReductionKernels} chosen for their
 * input, and their backward: spreading a reduced gradient back over the reduced axes.
 */
final class Reduction {

    private Reduction() {
    }

    /** {@code x} summed over {@code axes} (valid and ascending), into a new array. */
    static INDArray sum(INDArray x, boolean keepDims, int[] axes) {
        return Kernels.reductions(x).sum(x, keepDims, axes);
    }

    /** {@code x} averaged over {@code axes} (valid and ascending), into a new array. */
    static INDArray mean(INDArray x, boolean keepDims, int[] axes) {
        return Kernels.reductions(x).mean(x, keepDims, axes);
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
        ElementWise.mulInPlace(expanded, factor);
        return expanded;
    }
}

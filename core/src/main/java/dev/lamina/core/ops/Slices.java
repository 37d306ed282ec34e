package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Blocks cut out of arrays and their inverse, zero padding, through the
 * {@link dev.lamina.backend.ArrayKernels}: the forward and backward rules of concatenation, padding
 * and cropping.
 */
final class Slices {

    private Slices() {
    }

    /**
     * The block of {@code x} from {@code begin} with {@code size} elements along each axis, as a new
     * array; {@code x} may be any view.
     *
     * @param x the array
     * @param beginAndSize the begin offsets, one per axis, then the sizes
     * @return the block (from the active arena, if any)
     */
    static INDArray slice(INDArray x, long[] beginAndSize) {
        int rank = x.rank();
        INDArray out = ArrayArena.uninitialized(x.dataType(), Arrays.copyOfRange(beginAndSize, rank, 2 * rank));
        Kernels.arrays(x).slice(x, beginAndSize, out);
        return out;
    }

    /**
     * slice's arguments for the interior of an NHWC array of {@code shape} without the given
     * border rows and columns.
     */
    static long[] interior(long[] shape, int top, int bottom, int left, int right) {
        return new long[] {0, top, left, 0, shape[0], shape[1] - top - bottom, shape[2] - left - right, shape[3]};
    }

    /**
     * {@code x} (NHWC) with zero rows above and below and zero columns left and right.
     *
     * @param x the array
     * @param top rows above
     * @param bottom rows below
     * @param left columns on the left
     * @param right columns on the right
     * @return a new array (from the active arena, if any)
     */
    static INDArray pad(INDArray x, int top, int bottom, int left, int right) {
        INDArray out = ArrayArena.uninitialized(x.dataType(), x.size(0), x.size(1) + top + bottom,
                x.size(2) + left + right, x.size(3));
        Kernels.arrays(x).zeroPad2d(x, top, bottom, left, right, out);
        return out;
    }
}

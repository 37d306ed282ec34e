package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeOp;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Blocks cut out of arrays and their inverse, zero padding, through libnd4j's {@code slice} and
 * {@code pad}: the forward and backward kernels of concatenation, padding and cropping.
 */
final class Slices {

    private static final NativeOp SLICE = new NativeOp("slice");
    private static final NativeOp PAD = new NativeOp("pad");
    /** pad's integer argument is the mode: 0 = constant (1 and 2 reflect). */
    private static final long[] CONSTANT_MODE = {0};
    /** pad's float argument is the constant. */
    private static final double[] ZERO = {0.0};

    private Slices() {
    }

    /**
     * The block of {@code x} from {@code begin} with {@code size} elements along each axis, as a new
     * array; {@code x} may be any view.
     *
     * @param x the array
     * @param beginAndSize slice's integer arguments: the begin offsets, one per axis, then the sizes
     * @return the block (from the active arena, if any)
     */
    static INDArray slice(INDArray x, long[] beginAndSize) {
        int rank = x.rank();
        INDArray out = ArrayArena.uninitialized(x.dataType(), Arrays.copyOfRange(beginAndSize, rank, 2 * rank));
        SLICE.exec(x, out, beginAndSize, NativeOp.NO_TARGS);
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
        // One [before, after] row per axis: a small array per call, cheap beside the copy itself.
        INDArray paddings = Nd4j.createFromArray(new long[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}});
        PAD.exec(x, paddings, out, CONSTANT_MODE, ZERO);
        return out;
    }
}

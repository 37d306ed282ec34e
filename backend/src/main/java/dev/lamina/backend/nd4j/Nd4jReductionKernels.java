package dev.lamina.backend.nd4j;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeOp;
import dev.lamina.backend.ReductionKernels;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sums and means over axes into arena arrays through libnd4j's reduce ops, for every data type and backend. */
public final class Nd4jReductionKernels implements ReductionKernels {

    /** The one instance. */
    public static final Nd4jReductionKernels INSTANCE = new Nd4jReductionKernels();

    private static final NativeOp SUM = new NativeOp("reduce_sum");
    private static final NativeOp MEAN = new NativeOp("reduce_mean");

    private static final double[] KEEP_DIMS = {1.0};
    private static final double[] DROP_DIMS = {0.0};

    /*
     * Per thread: [0] the kept sizes, [k] k axes as integer arguments, up to MAX_SCRATCH. NativeOp
     * compares and copies its integer arguments, so these can be refilled on every call.
     */
    private static final int MAX_SCRATCH = 8;
    private static final long[] SCALAR = new long[0];
    private static final ThreadLocal<long[][]> AXES = ThreadLocal.withInitial(() -> {
        long[][] a = new long[MAX_SCRATCH + 1][];
        for (int k = 0; k < a.length; k++) {
            a[k] = new long[k == 0 ? MAX_SCRATCH : k];
        }
        return a;
    });

    private Nd4jReductionKernels() {
    }

    @Override
    public INDArray sum(INDArray x, boolean keepDims, int[] axes) {
        return reduce(SUM, x, keepDims, axes);
    }

    @Override
    public INDArray mean(INDArray x, boolean keepDims, int[] axes) {
        return reduce(MEAN, x, keepDims, axes);
    }

    /** Reduces {@code x} over {@code axes} (valid and ascending) with libnd4j's {@code op}. */
    private static INDArray reduce(NativeOp op, INDArray x, boolean keepDims, int[] axes) {
        for (int i = 1; i < axes.length; i++) {
            if (axes[i] == axes[i - 1]) {
                return reduce(op, x, keepDims, Arrays.stream(axes).distinct().toArray());
            }
        }
        long[] shape = x.shape();
        int rank = keepDims ? shape.length : shape.length - axes.length;
        long[][] scratch = AXES.get();
        long[] kept = shape.length <= MAX_SCRATCH ? scratch[0] : new long[shape.length];
        for (int i = 0, k = 0, a = 0; i < shape.length; i++) {
            boolean reduced = a < axes.length && axes[a] == i;
            if (reduced) {
                a++;
            }
            if (!reduced) {
                kept[k++] = shape[i];
            } else if (keepDims) {
                kept[k++] = 1;
            }
        }
        INDArray y = output(x.dataType(), rank, kept);
        long[] iargs = axes.length == 0 ? NativeOp.NO_IARGS
                : axes.length <= MAX_SCRATCH ? scratch[axes.length] : new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            iargs[i] = axes[i];
        }
        // Targ 0 is keepDims: libnd4j reads it from there when no boolean argument is given.
        op.exec(x, y, iargs, keepDims ? KEEP_DIMS : DROP_DIMS);
        return y;
    }

    /** The result array for the kept sizes, through the arena's forms that need no shape array. */
    private static INDArray output(DataType type, int rank, long[] kept) {
        switch (rank) {
            case 0:
                return ArrayArena.uninitialized(type, SCALAR);
            case 1:
                return ArrayArena.uninitialized(type, kept[0]);
            case 2:
                return ArrayArena.uninitialized(type, kept[0], kept[1]);
            case 4:
                return ArrayArena.uninitialized(type, kept[0], kept[1], kept[2], kept[3]);
            default:
                return ArrayArena.uninitialized(type, Arrays.copyOf(kept, rank));
        }
    }
}

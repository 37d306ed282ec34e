package dev.lamina.backend.nd4j;

import dev.lamina.backend.ArrayKernels;
import dev.lamina.backend.Constants;
import dev.lamina.backend.NativeOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Array copies through libnd4j's {@code broadcast_to}, {@code concat}, {@code slice} and
 * {@code pad}, for every data type and backend.
 */
public final class Nd4jArrayKernels implements ArrayKernels {

    /** The one instance. */
    public static final Nd4jArrayKernels INSTANCE = new Nd4jArrayKernels();

    private static final NativeOp BROADCAST_TO = new NativeOp("broadcast_to");
    private static final NativeOp CONCAT = new NativeOp("concat");
    private static final NativeOp SLICE = new NativeOp("slice");
    private static final NativeOp PAD = new NativeOp("pad");
    /** pad's integer argument is the mode: 0 = constant (1 and 2 reflect). */
    private static final long[] CONSTANT_MODE = {0};
    /** pad's float argument is the constant. */
    private static final double[] ZERO = {0.0};

    private Nd4jArrayKernels() {
    }

    @Override
    public void broadcastTo(INDArray a, INDArray out) {
        BROADCAST_TO.exec(a, Constants.shape(out.shape()), out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void concat(INDArray[] xs, int axis, INDArray out) {
        CONCAT.exec(xs, new INDArray[] {out}, new long[] {axis}, NativeOp.NO_TARGS);
    }

    @Override
    public void slice(INDArray x, long[] beginAndSize, INDArray out) {
        SLICE.exec(x, out, beginAndSize, NativeOp.NO_TARGS);
    }

    @Override
    public void zeroPad2d(INDArray x, int top, int bottom, int left, int right, INDArray out) {
        // One [before, after] row per axis: a small array per call, cheap beside the copy itself.
        INDArray paddings = Nd4j.createFromArray(new long[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}});
        PAD.exec(x, paddings, out, CONSTANT_MODE, ZERO);
    }
}

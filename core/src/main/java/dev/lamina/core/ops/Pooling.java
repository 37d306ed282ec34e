package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The shared machinery of max and average pooling (libnd4j's 11-argument pooling ops, NHWC). */
final class Pooling {

    /** Per thread, the integer arguments of its last few pooling settings, newest first. */
    private static final ThreadLocal<long[][]> RECENT_IARGS = ThreadLocal.withInitial(() -> new long[4][]);

    private Pooling() {
    }

    static Tensor apply(String opName, NativeOp forward, NativeOp backward, long divisorMode, Tensor x, int[] poolSize,
            int[] strides, Padding padding) {
        INDArray xv = x.value();
        INDArray y = output(opName, xv, poolSize, strides, padding);
        long[] iargs = iargs(poolSize, strides, padding, divisorMode);
        forward.exec(xv, y, iargs, NativeOp.NO_TARGS);
        return Tensor.record(opName, y, dy -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            backward.exec(xv, dy, dx, iargs, NativeOp.NO_TARGS);
            return dx;
        }, x);
    }

    /**
     * libnd4j's integer arguments for these settings: one of the thread's recent ones when it
     * matches (they are never changed once made, as the backward rule keeps them), else a new one.
     */
    private static long[] iargs(int[] poolSize, int[] strides, Padding padding, long divisorMode) {
        long[][] recent = RECENT_IARGS.get();
        for (long[] a : recent) {
            if (a != null && a[0] == poolSize[0] && a[1] == poolSize[1] && a[2] == strides[0] && a[3] == strides[1]
                    && a[8] == padding.nativeMode() && a[9] == divisorMode) {
                return a;
            }
        }
        // Index 9 is extraParam0 (the average's divisor mode: 0 = real cells only, as Keras);
        // index 10 is the data format (1 = NHWC). Both must be passed.
        long[] made = {poolSize[0], poolSize[1], strides[0], strides[1], 0, 0, 1, 1, padding.nativeMode(), divisorMode,
            1};
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        recent[0] = made;
        return made;
    }

    /**
     * The pooled output {@code [N, oH, oW, C]} to write, after checking every argument.
     *
     * @throws IllegalArgumentException naming the op, the input shape and the offending argument
     */
    static INDArray output(String opName, INDArray xv, int[] poolSize, int[] strides, Padding padding) {
        ShapeChecks.pair(opName, "pool_size", poolSize);
        ShapeChecks.pair(opName, "strides", strides);
        if (xv.rank() != 4) {
            throw ShapeChecks.error(opName, "input must have rank 4 [batch, height, width, channels], got input shape "
                    + ShapeChecks.str(xv));
        }
        long oh = checkedOutputSize(opName, "pool_size", xv, 1, poolSize[0], strides[0], padding);
        long ow = checkedOutputSize(opName, "pool_size", xv, 2, poolSize[1], strides[1], padding);
        return ArrayArena.uninitialized(xv.dataType(), xv.size(0), oh, ow, xv.size(3));
    }

    /** Output size along spatial axis {@code axis}, refusing windows that cannot fit. */
    static long checkedOutputSize(String op, String argName, INDArray x, int axis, long window, long stride,
            Padding padding) {
        long in = x.size(axis);
        if (padding == Padding.VALID && window > in) {
            throw ShapeChecks.error(op, argName + " " + window + " along " + (axis == 1 ? "height" : "width")
                    + " is larger than the input's " + in + " with padding 'valid' (input shape " + ShapeChecks.str(x) + ")");
        }
        return padding.outputSize(in, window, stride);
    }
}

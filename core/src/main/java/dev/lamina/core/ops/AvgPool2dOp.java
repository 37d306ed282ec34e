package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Window2d;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** 2-D average pooling, channels-last, averaging over the real (unpadded) cells of each window. */
public final class AvgPool2dOp {

    private static final String NAME = "average_pooling2d";

    private AvgPool2dOp() {
    }

    /**
     * Mean over each window's real cells.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @param poolSize {@code {pH, pW}}
     * @param strides {@code {sH, sW}}
     * @param padding valid or same
     * @return the pooled tensor
     * @throws IllegalArgumentException when the window does not fit, naming the input shape
     */
    public static Tensor apply(Tensor x, int[] poolSize, int[] strides, Padding padding) {
        INDArray xv = x.value();
        INDArray y = Pooling.output(NAME, xv, poolSize, strides, padding);
        Window2d window = Pooling.window(xv, poolSize, strides, padding, y);
        Kernels.pooling(xv).avgPool2d(xv, y, window);
        return Tensor.record(NAME, y, dy -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            Kernels.pooling(xv).avgPool2dBackward(xv, dy, dx, window);
            return dx;
        }, x);
    }
}

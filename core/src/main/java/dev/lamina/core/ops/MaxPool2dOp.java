package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.PoolingKernels;
import dev.lamina.backend.Window2d;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D max pooling, channels-last; padded cells never win (as if they were -infinity). The kernel
 * is told whether a gradient will be wanted, so that it can keep the winners for the backward pass.
 */
public final class MaxPool2dOp {

    private static final String NAME = "max_pooling2d";

    private MaxPool2dOp() {
    }

    /**
     * Max over each window.
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
        PoolingKernels kernels = Kernels.pooling(xv);
        INDArray state = kernels.maxPool2d(xv, y, window, GradMode.isEnabled() && x.requiresGrad());
        return Tensor.record(NAME, y, dy -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            kernels.maxPool2dBackward(xv, dy, state, dx, window);
            return dx;
        }, x);
    }
}

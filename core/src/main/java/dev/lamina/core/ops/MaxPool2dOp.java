package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import dev.lamina.backend.onednn.MaxPooling;
import dev.lamina.backend.onednn.OneDnn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D max pooling, channels-last; padded cells never win (as if they were -infinity). When a
 * gradient will be wanted on the CPU in float32, oneDNN's primitives run directly and keep the
 * winners from the forward pass for the backward pass ({@link MaxPooling}); otherwise libnd4j's
 * {@code maxpool2d} and {@code maxpool2d_bp}.
 */
public final class MaxPool2dOp {

    private static final String NAME = "max_pooling2d";
    private static final NativeOp MAXPOOL = new NativeOp("maxpool2d");
    private static final NativeOp MAXPOOL_BP = new NativeOp("maxpool2d_bp");

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
        if (GradMode.isEnabled() && x.requiresGrad() && OneDnn.supports(x.value())) {
            return withWorkspace(x, poolSize, strides, padding);
        }
        return Pooling.apply(NAME, MAXPOOL, MAXPOOL_BP, 0, x, poolSize, strides, padding);
    }

    private static Tensor withWorkspace(Tensor x, int[] poolSize, int[] strides, Padding padding) {
        INDArray y = Pooling.output(NAME, x.value(), poolSize, strides, padding);
        INDArray xv = ArrayArena.rowMajor(x.value());
        long[][] pad = Padding.explicit(xv, poolSize[0], poolSize[1], strides, y);
        INDArray workspace = MaxPooling.forward(xv, y, poolSize, strides, pad[0], pad[1]);
        return Tensor.record(NAME, y, dy -> {
            INDArray dx = ArrayArena.uninitialized(DataType.FLOAT, xv.shape());
            MaxPooling.backward(xv, ArrayArena.rowMajor(dy), workspace, dx, poolSize, strides, pad[0], pad[1]);
            return dx;
        }, x);
    }
}

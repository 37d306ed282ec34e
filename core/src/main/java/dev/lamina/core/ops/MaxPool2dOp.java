package dev.lamina.core.ops;

import dev.lamina.core.Tensor;

/** 2-D max pooling, channels-last; padded cells never win (as if they were -infinity). */
public final class MaxPool2dOp {

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
        return Pooling.apply("max_pooling2d", MAXPOOL, MAXPOOL_BP, 0, x, poolSize, strides, padding);
    }
}

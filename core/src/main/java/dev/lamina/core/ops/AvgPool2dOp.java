package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.core.Tensor;

/** 2-D average pooling, channels-last, averaging over the real (unpadded) cells of each window. */
public final class AvgPool2dOp {

    private static final NativeOp AVGPOOL = new NativeOp("avgpool2d");
    private static final NativeOp AVGPOOL_BP = new NativeOp("avgpool2d_bp");
    /** libnd4j's extraParam0: 0 excludes padding from the divisor (Keras), 1 would include it. */
    private static final long EXCLUDE_PADDING = 0;

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
        return Pooling.apply("average_pooling2d", AVGPOOL, AVGPOOL_BP, EXCLUDE_PADDING, x, poolSize, strides, padding);
    }
}

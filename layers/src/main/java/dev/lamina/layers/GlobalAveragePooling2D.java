package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.GlobalAvgPool2dOp;
import java.util.Map;

/**
 * Keras' GlobalAveragePooling2D: the mean over height and width, {@code (N, H, W, C) → (N, C)}, or
 * {@code (N, 1, 1, C)} with {@link #keepdims(boolean)}.
 */
public class GlobalAveragePooling2D extends GlobalPooling2D<GlobalAveragePooling2D> {

    /** A global average pooling layer. */
    public GlobalAveragePooling2D() {
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return GlobalAvgPool2dOp.apply(input, keepdims());
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config ({@code keepdims} defaults to
     * false).
     *
     * @param config a Keras-style config
     * @return the layer
     * @throws IllegalArgumentException for a data format other than channels-last
     */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        return configured(new GlobalAveragePooling2D(), config);
    }
}

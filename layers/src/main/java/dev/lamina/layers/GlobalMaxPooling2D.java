package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.GlobalMaxPool2dOp;
import java.util.Map;

/**
 * Keras' GlobalMaxPooling2D: the maximum over height and width, {@code (N, H, W, C) → (N, C)}, or
 * {@code (N, 1, 1, C)} with {@link #keepdims(boolean)}. The gradient goes to the position of each
 * maximum.
 */
public class GlobalMaxPooling2D extends GlobalPooling2D<GlobalMaxPooling2D> {

    /** A global max pooling layer. */
    public GlobalMaxPooling2D() {
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return GlobalMaxPool2dOp.apply(input, keepdims());
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config ({@code keepdims} defaults to
     * false).
     *
     * @param config a Keras-style config
     * @return the layer
     * @throws IllegalArgumentException for a data format other than channels-last
     */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
        return configured(new GlobalMaxPooling2D(), config);
    }
}

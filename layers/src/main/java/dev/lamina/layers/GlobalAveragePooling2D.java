package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.GlobalAvgPool2dOp;
import java.util.Map;

/** Keras' GlobalAveragePooling2D: the mean over height and width, {@code (N, H, W, C) → (N, C)}. */
public class GlobalAveragePooling2D extends Layer {

    /** A global average pooling layer. */
    public GlobalAveragePooling2D() {
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 4, "(batch, height, width, channels)");
        return new long[] {in[0], in[3]};
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return GlobalAvgPool2dOp.apply(input);
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        GlobalAveragePooling2D l = new GlobalAveragePooling2D();
        l.configureFrom(config);
        return l;
    }
}

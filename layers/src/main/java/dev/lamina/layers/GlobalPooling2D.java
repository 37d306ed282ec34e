package dev.lamina.layers;

import java.util.Map;

/**
 * The shared configuration of the 2-D global pooling layers: whether the pooled spatial axes stay,
 * as size 1 ({@code keepdims}), channels-last.
 *
 * @param <T> the concrete layer class
 */
public abstract class GlobalPooling2D<T extends GlobalPooling2D<T>> extends FluentLayer<T> {

    private boolean keepdims;

    /** A global pooling layer that drops the spatial axes: {@code (N, H, W, C) → (N, C)}. */
    protected GlobalPooling2D() {
    }

    /**
     * Whether the output keeps the spatial axes: {@code (N, 1, 1, C)} instead of {@code (N, C)}
     * (Keras' {@code keepdims}, default false).
     *
     * @param keepdims whether to keep them
     * @return this layer
     */
    public T keepdims(boolean keepdims) {
        this.keepdims = keepdims;
        return self();
    }

    /** @return whether the output keeps the spatial axes */
    public boolean keepdims() {
        return keepdims;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 4, "(batch, height, width, channels)");
        return keepdims ? new long[] {in[0], 1, 1, in[3]} : new long[] {in[0], in[3]};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", "channels_last");
        c.put("keepdims", keepdims);
        return c;
    }

    /** Reads keepdims (default false) and the common entries into a freshly constructed layer. */
    static <T extends GlobalPooling2D> T configured(T layer, Map<String, Object> config) {
        Args.requireChannelsLast(layer.className(), config);
        layer.keepdims(Args.bool(config, "keepdims", false));
        layer.configureFrom(config);
        return layer;
    }
}

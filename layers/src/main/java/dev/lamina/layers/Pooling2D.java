package dev.lamina.layers;

import dev.lamina.core.ops.Padding;
import java.util.Arrays;
import java.util.Map;

/** The shared configuration of the 2-D pooling layers: pool size, strides (default: the pool size), padding. *
 * @param <T> the concrete layer class
 */
public abstract class Pooling2D<T extends Pooling2D<T>> extends FluentLayer<T> {

    private final int[] poolSize;
    private int[] strides;
    private Padding padding = Padding.VALID;

    /**
     * @param poolSize {@code {pH, pW}}
     */
    protected Pooling2D(int[] poolSize) {
        this.poolSize = Args.pair(className(), "pool_size", poolSize);
        this.strides = this.poolSize.clone();
    }

    /**
     * Strides (default: the pool size).
     *
     * @param stride the stride along both axes
     * @return this layer
     */
    public T strides(int stride) {
        this.strides = Args.pair(className(), "strides", stride);
        return self();
    }

    /**
     * Strides (default: the pool size).
     *
     * @param strides {@code {sH, sW}}
     * @return this layer
     */
    public T strides(int[] strides) {
        this.strides = Args.pair(className(), "strides", strides);
        return self();
    }

    /**
     * Padding, {@code "valid"} (default) or {@code "same"}.
     *
     * @param padding the Keras name
     * @return this layer
     */
    public T padding(String padding) {
        this.padding = Padding.of(padding);
        return self();
    }

    /**
     * Padding as a typed constant.
     *
     * @param padding the mode
     * @return this layer
     */
    public T padding(Padding padding) {
        this.padding = padding;
        return self();
    }

    /** @return the pool size */
    protected int[] poolSize() {
        return poolSize;
    }

    /** @return the strides */
    public int[] strides() {
        return strides.clone();
    }

    /** @return the padding */
    public Padding padding() {
        return padding;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 4, "(batch, height, width, channels)");
        long[] out = in.clone();
        for (int a = 0; a < 2; a++) {
            long size = in[a + 1];
            if (size >= 0 && padding == Padding.VALID && poolSize[a] > size) {
                throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + "): pool_size "
                        + Arrays.toString(poolSize) + " is larger than the input " + Shapes.format(in)
                        + " with padding 'valid'");
            }
            out[a + 1] = size < 0 ? -1 : padding.outputSize(size, poolSize[a], strides[a]);
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("pool_size", Args.list(poolSize));
        c.put("strides", Args.list(strides));
        c.put("padding", padding.kerasName());
        c.put("data_format", "channels_last");
        return c;
    }

    /** Reads strides and padding from a config into a freshly constructed layer. */
    static <T extends Pooling2D> T configured(T layer, Map<String, Object> config) {
        layer.strides(Args.intPair(config, "strides", layer.poolSize()));
        layer.padding(Args.string(config, "padding", "valid"));
        layer.configureFrom(config);
        return layer;
    }
}

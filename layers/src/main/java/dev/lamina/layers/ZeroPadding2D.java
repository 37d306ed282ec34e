package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.ZeroPad2dOp;
import java.util.Map;

/**
 * Keras' ZeroPadding2D: adds rows of zeros above and below each image and columns of zeros left
 * and right of it, channels-last: {@code (N, H, W, C) → (N, top + H + bottom, left + W + right, C)}.
 */
public class ZeroPadding2D extends FluentLayer<ZeroPadding2D> {

    private final Margins padding;

    /** One row or column of zeros on every side (Keras' default, {@code padding=(1, 1)}). */
    public ZeroPadding2D() {
        this(1);
    }

    /**
     * The same padding on every side.
     *
     * @param padding rows above and below, and columns left and right, each
     * @throws IllegalArgumentException when negative
     */
    public ZeroPadding2D(int padding) {
        this(padding, padding);
    }

    /**
     * Symmetric padding, Keras' {@code padding=(height, width)}.
     *
     * @param height rows above and rows below, each
     * @param width columns left and columns right, each
     * @throws IllegalArgumentException when either is negative
     */
    public ZeroPadding2D(int height, int width) {
        this(height, height, width, width);
    }

    /**
     * Padding per side, Keras' {@code padding=((top, bottom), (left, right))}.
     *
     * @param top rows above
     * @param bottom rows below
     * @param left columns on the left
     * @param right columns on the right
     * @throws IllegalArgumentException when any is negative
     */
    public ZeroPadding2D(int top, int bottom, int left, int right) {
        this.padding = Margins.of(className(), "padding", top, bottom, left, right);
    }

    /** @return {@code {top, bottom, left, right}} */
    public int[] padding() {
        return new int[] {padding.top(), padding.bottom(), padding.left(), padding.right()};
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 4, "(batch, height, width, channels)");
        return new long[] {in[0], in[1] < 0 ? -1 : in[1] + padding.top() + padding.bottom(),
            in[2] < 0 ? -1 : in[2] + padding.left() + padding.right(), in[3]};
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return ZeroPad2dOp.apply(input, padding.top(), padding.bottom(), padding.left(), padding.right());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", padding.toConfig());
        c.put("data_format", "channels_last");
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config, whose {@code padding} may
     * take any of Keras' three forms.
     *
     * @param config a Keras-style config
     * @return the layer
     * @throws IllegalArgumentException for a bad padding or a data format other than channels-last
     */
    public static ZeroPadding2D fromConfig(Map<String, Object> config) {
        Args.requireChannelsLast("ZeroPadding2D", config);
        Margins m = Margins.fromConfig(config, "padding", "ZeroPadding2D", 1);
        ZeroPadding2D l = new ZeroPadding2D(m.top(), m.bottom(), m.left(), m.right());
        l.configureFrom(config);
        return l;
    }
}

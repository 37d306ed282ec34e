package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Crop2dOp;
import java.util.Map;

/**
 * Keras' Cropping2D: removes rows from the top and bottom of each image and columns from its left
 * and right, channels-last: {@code (N, H, W, C) → (N, H - top - bottom, W - left - right, C)}.
 */
public class Cropping2D extends FluentLayer<Cropping2D> {

    private final Margins cropping;

    /** No cropping (Keras' default, {@code cropping=((0, 0), (0, 0))}). */
    public Cropping2D() {
        this(0);
    }

    /**
     * The same cropping on every side.
     *
     * @param cropping rows removed at the top and at the bottom, and columns on the left and on
     *     the right, each
     * @throws IllegalArgumentException when negative
     */
    public Cropping2D(int cropping) {
        this(cropping, cropping);
    }

    /**
     * Symmetric cropping, Keras' {@code cropping=(height, width)}.
     *
     * @param height rows removed at the top and at the bottom, each
     * @param width columns removed on the left and on the right, each
     * @throws IllegalArgumentException when either is negative
     */
    public Cropping2D(int height, int width) {
        this(height, height, width, width);
    }

    /**
     * Cropping per side, Keras' {@code cropping=((top, bottom), (left, right))}.
     *
     * @param top rows removed at the top
     * @param bottom rows removed at the bottom
     * @param left columns removed on the left
     * @param right columns removed on the right
     * @throws IllegalArgumentException when any is negative
     */
    public Cropping2D(int top, int bottom, int left, int right) {
        this.cropping = Margins.of(className(), "cropping", top, bottom, left, right);
    }

    /** @return {@code {top, bottom, left, right}} */
    public int[] cropping() {
        return new int[] {cropping.top(), cropping.bottom(), cropping.left(), cropping.right()};
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the layer, the input shape and the cropping when it
     *     would remove every row or every column
     */
    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 4, "(batch, height, width, channels)");
        long height = cropping.top() + (long) cropping.bottom();
        long width = cropping.left() + (long) cropping.right();
        if ((in[1] >= 0 && height >= in[1]) || (in[2] >= 0 && width >= in[2])) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + "): values in `cropping` "
                    + "should be smaller than the corresponding spatial dimension of the input. Received: "
                    + "input_shape=" + Shapes.format(in) + ", cropping=" + cropping);
        }
        return new long[] {in[0], in[1] < 0 ? -1 : in[1] - height, in[2] < 0 ? -1 : in[2] - width, in[3]};
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return Crop2dOp.apply(input, cropping.top(), cropping.bottom(), cropping.left(), cropping.right());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", cropping.toConfig());
        c.put("data_format", "channels_last");
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config, whose {@code cropping} may
     * take any of Keras' three forms.
     *
     * @param config a Keras-style config
     * @return the layer
     * @throws IllegalArgumentException for a bad cropping or a data format other than channels-last
     */
    public static Cropping2D fromConfig(Map<String, Object> config) {
        Args.requireChannelsLast("Cropping2D", config);
        Margins m = Margins.fromConfig(config, "cropping", "Cropping2D", 0);
        Cropping2D l = new Cropping2D(m.top(), m.bottom(), m.left(), m.right());
        l.configureFrom(config);
        return l;
    }
}

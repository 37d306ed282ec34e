package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Conv2dOp;
import dev.lamina.core.ops.Padding;
import java.util.Map;

/**
 * Keras' 2-D convolution layer, channels-last: kernel {@code (kH, kW, inC, filters)}, bias
 * {@code (filters)}; defaults strides 1, padding valid, bias on, glorot_uniform kernel, zero bias.
 *
 * <pre>{@code new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1)}</pre>
 */
public class Conv2D extends BaseConv<Conv2D> {

    private final int[] kernelSize;
    private int[] strides = {1, 1};

    /**
     * @param filters the number of output channels
     * @param kernelSize the square kernel's side
     */
    public Conv2D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize, kernelSize});
    }

    /**
     * @param filters the number of output channels
     * @param kernelSize {@code {kH, kW}}
     */
    public Conv2D(int filters, int[] kernelSize) {
        super("Conv2D", filters);
        this.kernelSize = Args.pair("Conv2D", "kernel_size", kernelSize);
    }

    /**
     * Strides (default 1).
     *
     * @param stride the stride along both axes
     * @return this layer
     */
    public Conv2D strides(int stride) {
        this.strides = Args.pair("Conv2D", "strides", stride);
        return this;
    }

    /**
     * Strides (default 1).
     *
     * @param strides {@code {sH, sW}}
     * @return this layer
     */
    public Conv2D strides(int[] strides) {
        this.strides = Args.pair("Conv2D", "strides", strides);
        return this;
    }

    /** @return {@code {kH, kW}} */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** @return {@code {sH, sW}} */
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 4, "(batch, height, width, channels)");
        long[] out = new long[4];
        out[0] = in[0];
        for (int a = 0; a < 2; a++) {
            long size = in[a + 1];
            if (size >= 0 && padding() == Padding.VALID && kernelSize[a] > size) {
                throw new IllegalArgumentException("Layer \"" + name() + "\" (Conv2D): kernel_size "
                        + java.util.Arrays.toString(kernelSize) + " is larger than the input " + Shapes.format(in)
                        + " with padding 'valid'");
            }
            out[a + 1] = size < 0 ? -1 : padding().outputSize(size, kernelSize[a], strides[a]);
        }
        out[3] = filters();
        return out;
    }

    @Override
    protected void onBuild(long[] in) {
        addKernelAndBias(new long[] {kernelSize[0], kernelSize[1], in[3], filters()});
    }

    @Override
    protected Tensor preActivation(Tensor input, boolean training) {
        return Conv2dOp.apply(input, kernelVariable(), biasVariable(), strides, padding());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        putConvConfig(c, Args.list(kernelSize), Args.list(strides));
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Conv2D fromConfig(Map<String, Object> config) {
        Conv2D l = new Conv2D(((Number) config.get("filters")).intValue(), Args.intPair(config, "kernel_size", null));
        l.strides(Args.intPair(config, "strides", new int[] {1, 1}));
        return l.configureConvFrom(config);
    }
}

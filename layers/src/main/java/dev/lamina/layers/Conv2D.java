package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Conv2dOp;
import dev.lamina.core.ops.Padding;
import dev.lamina.initializers.GlorotUniform;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.Initializers;
import dev.lamina.initializers.Zeros;
import java.util.Map;

/**
 * Keras' 2-D convolution layer, channels-last: kernel {@code (kH, kW, inC, filters)}, bias
 * {@code (filters)}; defaults strides 1, padding valid, bias on, glorot_uniform kernel, zero bias.
 *
 * <pre>{@code new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1)}</pre>
 */
public class Conv2D extends ActivatedLayer<Conv2D> {

    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Padding padding = Padding.VALID;
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Weight kernel;
    private Weight bias;

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
        this.filters = Args.positive("Conv2D", "filters", filters);
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

    /**
     * Padding, {@code "valid"} (default) or {@code "same"}.
     *
     * @param padding the Keras name
     * @return this layer
     */
    public Conv2D padding(String padding) {
        this.padding = Padding.of(padding);
        return this;
    }

    /**
     * Padding as a typed constant.
     *
     * @param padding the mode
     * @return this layer
     */
    public Conv2D padding(Padding padding) {
        this.padding = padding;
        return this;
    }

    /**
     * Whether to add a bias (default true).
     *
     * @param useBias whether to use a bias
     * @return this layer
     */
    public Conv2D useBias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /**
     * The kernel's initializer by Keras name (default {@code "glorot_uniform"}).
     *
     * @param name the name
     * @return this layer
     */
    public Conv2D kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /**
     * The kernel's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public Conv2D kernelInitializer(Initializer initializer) {
        this.kernelInitializer = initializer;
        return this;
    }

    /**
     * The bias's initializer by Keras name (default {@code "zeros"}).
     *
     * @param name the name
     * @return this layer
     */
    public Conv2D biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /**
     * The bias's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public Conv2D biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return this;
    }



    /** @return the number of filters */
    public int filters() {
        return filters;
    }

    /** @return {@code {kH, kW}} */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** @return {@code {sH, sW}} */
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
        long[] out = new long[4];
        out[0] = in[0];
        for (int a = 0; a < 2; a++) {
            long size = in[a + 1];
            if (size >= 0 && padding == Padding.VALID && kernelSize[a] > size) {
                throw new IllegalArgumentException("Layer \"" + name() + "\" (Conv2D): kernel_size "
                        + java.util.Arrays.toString(kernelSize) + " is larger than the input " + Shapes.format(in)
                        + " with padding 'valid'");
            }
            out[a + 1] = size < 0 ? -1 : padding.outputSize(size, kernelSize[a], strides[a]);
        }
        out[3] = filters;
        return out;
    }

    @Override
    protected void onBuild(long[] in) {
        kernel = addWeight("kernel", new long[] {kernelSize[0], kernelSize[1], in[3], filters}, kernelInitializer,
                true);
        if (useBias) {
            bias = addWeight("bias", new long[] {filters}, biasInitializer, true);
        }
    }

    @Override
    protected Tensor preActivation(Tensor input, boolean training) {
        return Conv2dOp.apply(input, kernel.variable(), bias == null ? null : bias.variable(), strides, padding);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", Args.list(kernelSize));
        c.put("strides", Args.list(strides));
        c.put("padding", padding.kerasName());
        c.put("data_format", "channels_last");
        c.put("use_bias", useBias);
        c.put("kernel_initializer", InitializerConfig.toConfig(kernelInitializer));
        c.put("bias_initializer", InitializerConfig.toConfig(biasInitializer));
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
        l.strides(Args.intPair(config, "strides", new int[] {1, 1}))
                .padding(Args.string(config, "padding", "valid"))
                .useBias(Args.bool(config, "use_bias", true))
                .kernelInitializer(InitializerConfig.fromConfig(config.get("kernel_initializer"), "glorot_uniform"))
                .biasInitializer(InitializerConfig.fromConfig(config.get("bias_initializer"), "zeros"));
        l.configureFrom(config);
        return l;
    }
}

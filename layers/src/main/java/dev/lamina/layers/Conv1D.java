package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Conv2dOp;
import dev.lamina.core.ops.Ops;
import dev.lamina.core.ops.Padding;
import dev.lamina.initializers.GlorotUniform;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.Initializers;
import dev.lamina.initializers.Zeros;
import java.util.List;
import java.util.Map;

/**
 * Keras' 1-D convolution layer over {@code (batch, steps, channels)}: kernel
 * {@code (kernel_size, inC, filters)}, bias {@code (filters)}; defaults strides 1, padding valid,
 * bias on, glorot_uniform kernel, zero bias. It runs as a 2-D convolution over a height of one, so it
 * shares the 2-D convolution's kernels and gradients.
 *
 * <pre>{@code new Conv1D(16, 3).activation("relu").inputShape(100, 8)}</pre>
 */
public class Conv1D extends ActivatedLayer<Conv1D> {

    private final int filters;
    private final int kernelSize;
    private int strides = 1;
    private Padding padding = Padding.VALID;
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Weight kernel;
    private Weight bias;

    /**
     * @param filters the number of output channels
     * @param kernelSize the kernel's length
     * @throws IllegalArgumentException when either is not positive
     */
    public Conv1D(int filters, int kernelSize) {
        this.filters = Args.positive("Conv1D", "filters", filters);
        this.kernelSize = Args.positive("Conv1D", "kernel_size", kernelSize);
    }

    /**
     * The stride (default 1).
     *
     * @param stride the step between windows
     * @return this layer
     * @throws IllegalArgumentException when it is not positive
     */
    public Conv1D strides(int stride) {
        this.strides = Args.positive("Conv1D", "strides", stride);
        return this;
    }

    /**
     * Padding, {@code "valid"} (default) or {@code "same"}.
     *
     * @param padding the Keras name
     * @return this layer
     * @throws IllegalArgumentException for another name (Keras' {@code "causal"} included)
     */
    public Conv1D padding(String padding) {
        this.padding = Padding.of(padding);
        return this;
    }

    /**
     * Padding as a typed constant.
     *
     * @param padding the mode
     * @return this layer
     */
    public Conv1D padding(Padding padding) {
        this.padding = padding;
        return this;
    }

    /**
     * Whether to add a bias (default true).
     *
     * @param useBias whether to use a bias
     * @return this layer
     */
    public Conv1D useBias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /**
     * The kernel's initializer by Keras name (default {@code "glorot_uniform"}).
     *
     * @param name the name
     * @return this layer
     */
    public Conv1D kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /**
     * The kernel's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public Conv1D kernelInitializer(Initializer initializer) {
        this.kernelInitializer = initializer;
        return this;
    }

    /**
     * The bias's initializer by Keras name (default {@code "zeros"}).
     *
     * @param name the name
     * @return this layer
     */
    public Conv1D biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /**
     * The bias's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public Conv1D biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return this;
    }

    /** @return the number of filters */
    public int filters() {
        return filters;
    }

    /** @return the kernel's length */
    public int kernelSize() {
        return kernelSize;
    }

    /** @return the stride */
    public int strides() {
        return strides;
    }

    /** @return the padding */
    public Padding padding() {
        return padding;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 3, "(batch, steps, channels)");
        long steps = in[1];
        if (steps >= 0 && padding == Padding.VALID && kernelSize > steps) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Conv1D): kernel_size " + kernelSize
                    + " is longer than the input " + Shapes.format(in) + " with padding 'valid'");
        }
        return new long[] {in[0], steps < 0 ? -1 : padding.outputSize(steps, kernelSize, strides), filters};
    }

    @Override
    protected void onBuild(long[] in) {
        kernel = addWeight("kernel", new long[] {kernelSize, in[2], filters}, kernelInitializer, true);
        if (useBias) {
            bias = addWeight("bias", new long[] {filters}, biasInitializer, true);
        }
    }

    @Override
    protected Tensor preActivation(Tensor input, boolean training) {
        long[] in = input.shape();
        long[] k = kernel.value().shape();
        Tensor image = Ops.reshape(input, in[0], 1, in[1], in[2]);
        Tensor kernel2d = Ops.reshape(kernel.variable(), 1, k[0], k[1], k[2]);
        Tensor y = Conv2dOp.apply(image, kernel2d, bias == null ? null : bias.variable(), new int[] {1, strides},
                padding);
        long[] out = y.shape();
        return Ops.reshape(y, out[0], out[2], out[3]);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", List.of(kernelSize));
        c.put("strides", List.of(strides));
        c.put("padding", padding.kerasName());
        c.put("data_format", "channels_last");
        c.put("dilation_rate", List.of(1));
        c.put("use_bias", useBias);
        c.put("kernel_initializer", InitializerConfig.toConfig(kernelInitializer));
        c.put("bias_initializer", InitializerConfig.toConfig(biasInitializer));
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} (a number or a one-element list for
     * {@code kernel_size} and {@code strides}, as Keras writes them).
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Conv1D fromConfig(Map<String, Object> config) {
        Conv1D l = new Conv1D(((Number) config.get("filters")).intValue(), single(config, "kernel_size", -1));
        l.strides(single(config, "strides", 1))
                .padding(Args.string(config, "padding", "valid"))
                .useBias(Args.bool(config, "use_bias", true))
                .kernelInitializer(InitializerConfig.fromConfig(config.get("kernel_initializer"), "glorot_uniform"))
                .biasInitializer(InitializerConfig.fromConfig(config.get("bias_initializer"), "zeros"));
        l.configureFrom(config);
        return l;
    }

    private static int single(Map<String, Object> config, String key, int fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> list) {
            if (list.size() != 1 || !(list.get(0) instanceof Number)) {
                throw new IllegalArgumentException("Conv1D: " + key + " must be one integer. Received: " + v);
            }
            return ((Number) list.get(0)).intValue();
        }
        return ((Number) v).intValue();
    }
}

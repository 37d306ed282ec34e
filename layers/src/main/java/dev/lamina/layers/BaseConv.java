package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Padding;
import dev.lamina.initializers.GlorotUniform;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.Initializers;
import dev.lamina.initializers.Zeros;
import java.util.Map;

/**
 * What Keras' convolution layers share ({@code keras/src/layers/convolutional/base_conv.py}): the
 * number of filters, padding, the optional bias and the two initializers, with their setters and
 * config entries. Subclasses give the kernel's shape and the convolution itself.
 *
 * @param <T> the concrete layer class
 */
public abstract class BaseConv<T extends BaseConv<T>> extends ActivatedLayer<T> {

    private final int filters;
    private Padding padding = Padding.VALID;
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Weight kernel;
    private Weight bias;

    /**
     * @param className the Keras class name, for error messages
     * @param filters the number of output channels
     * @throws IllegalArgumentException when {@code filters} is not positive
     */
    protected BaseConv(String className, int filters) {
        this.filters = Args.positive(className, "filters", filters);
    }

    /**
     * Padding, {@code "valid"} (default) or {@code "same"}.
     *
     * @param padding the Keras name
     * @return this layer
     * @throws IllegalArgumentException for another name
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

    /**
     * Whether to add a bias (default true).
     *
     * @param useBias whether to use a bias
     * @return this layer
     */
    public T useBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    /**
     * The kernel's initializer by Keras name (default {@code "glorot_uniform"}).
     *
     * @param name the name
     * @return this layer
     */
    public T kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /**
     * The kernel's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public T kernelInitializer(Initializer initializer) {
        this.kernelInitializer = initializer;
        return self();
    }

    /**
     * The bias's initializer by Keras name (default {@code "zeros"}).
     *
     * @param name the name
     * @return this layer
     */
    public T biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /**
     * The bias's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public T biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return self();
    }

    /** @return the number of filters */
    public int filters() {
        return filters;
    }

    /** @return the padding */
    public Padding padding() {
        return padding;
    }

    /** Adds the kernel of the given shape and, when used, the bias. */
    protected void addKernelAndBias(long[] kernelShape) {
        kernel = addWeight("kernel", kernelShape, kernelInitializer, true);
        if (useBias) {
            bias = addWeight("bias", new long[] {filters}, biasInitializer, true);
        }
    }

    /** @return the kernel's variable */
    protected Tensor kernelVariable() {
        return kernel.variable();
    }

    /** @return the bias's variable, or {@code null} without a bias */
    protected Tensor biasVariable() {
        return bias == null ? null : bias.variable();
    }

    /**
     * Puts the convolution's entries into a config in Keras' order: filters, kernel size, strides,
     * padding, data format, bias, initializers.
     */
    protected void putConvConfig(Map<String, Object> c, Object kernelSize, Object strides) {
        c.put("filters", filters);
        c.put("kernel_size", kernelSize);
        c.put("strides", strides);
        c.put("padding", padding.kerasName());
        c.put("data_format", "channels_last");
        c.put("use_bias", useBias);
        c.put("kernel_initializer", InitializerConfig.toConfig(kernelInitializer));
        c.put("bias_initializer", InitializerConfig.toConfig(biasInitializer));
    }

    /** Reads the shared entries of a config, then the common layer entries. */
    protected T configureConvFrom(Map<String, Object> config) {
        padding(Args.string(config, "padding", "valid"));
        useBias(Args.bool(config, "use_bias", true));
        kernelInitializer(InitializerConfig.fromConfig(config.get("kernel_initializer"), "glorot_uniform"));
        biasInitializer(InitializerConfig.fromConfig(config.get("bias_initializer"), "zeros"));
        configureFrom(config);
        return self();
    }
}

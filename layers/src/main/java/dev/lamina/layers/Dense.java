package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.BiasAddOp;
import dev.lamina.core.ops.Ops;
import dev.lamina.initializers.GlorotUniform;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.Initializers;
import dev.lamina.initializers.Zeros;
import java.util.Map;

/**
 * Keras' densely connected layer: {@code activation(x · kernel + bias)} over the last axis, kernel
 * {@code (in, units)}; an input of rank above 2 uses the same kernel at every position. The
 * product runs through libnd4j's oneDNN {@code matmul}.
 */
public class Dense extends ActivatedLayer<Dense> {

    private final int units;
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Weight kernel;
    private Weight bias;

    /**
     * @param units the output size
     */
    public Dense(int units) {
        this.units = Args.positive("Dense", "units", units);
    }

    /**
     * Whether to add a bias (default true).
     *
     * @param useBias whether to use a bias
     * @return this layer
     */
    public Dense useBias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /**
     * The kernel's initializer by Keras name (default {@code "glorot_uniform"}).
     *
     * @param name the name
     * @return this layer
     */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /**
     * The kernel's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public Dense kernelInitializer(Initializer initializer) {
        this.kernelInitializer = initializer;
        return this;
    }

    /**
     * The bias's initializer by Keras name (default {@code "zeros"}).
     *
     * @param name the name
     * @return this layer
     */
    public Dense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /**
     * The bias's initializer.
     *
     * @param initializer the initializer
     * @return this layer
     */
    public Dense biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return this;
    }



    /** @return the output size */
    public int units() {
        return units;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        if (in.length < 2) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" (Dense) is incompatible with the "
                    + "layer: expected min_ndim=2, found ndim=" + in.length + ". Full shape received: "
                    + Shapes.format(in));
        }
        if (in[in.length - 1] < 0) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Dense) needs a known last axis, got "
                    + Shapes.format(in));
        }
        long[] out = in.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected void onBuild(long[] in) {
        kernel = addWeight("kernel", new long[] {in[in.length - 1], units}, kernelInitializer, true);
        if (useBias) {
            bias = addWeight("bias", new long[] {units}, biasInitializer, true);
        }
    }

    @Override
    protected Tensor preActivation(Tensor input, boolean training) {
        long[] shape = input.value().shape(); // read only
        Tensor x = shape.length == 2 ? input : Ops.reshape(input, -1, shape[shape.length - 1]);
        Tensor y = Ops.matmul(x, kernel.variable());
        if (bias != null) {
            y = BiasAddOp.apply(y, bias.variable());
        }
        if (shape.length != 2) {
            long[] out = shape.clone();
            out[out.length - 1] = units;
            y = Ops.reshape(y, out);
        }
        return y;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
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
    public static Dense fromConfig(Map<String, Object> config) {
        Dense l = new Dense(((Number) config.get("units")).intValue());
        l.useBias(Args.bool(config, "use_bias", true))
                .kernelInitializer(InitializerConfig.fromConfig(config.get("kernel_initializer"), "glorot_uniform"))
                .biasInitializer(InitializerConfig.fromConfig(config.get("bias_initializer"), "zeros"));
        l.configureFrom(config);
        return l;
    }
}

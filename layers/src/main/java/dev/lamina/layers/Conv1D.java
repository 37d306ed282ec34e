package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Conv2dOp;
import dev.lamina.core.ops.Ops;
import dev.lamina.core.ops.Padding;
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
public class Conv1D extends BaseConv<Conv1D> {

    private final int kernelSize;
    private int strides = 1;

    /**
     * @param filters the number of output channels
     * @param kernelSize the kernel's length
     * @throws IllegalArgumentException when either is not positive
     */
    public Conv1D(int filters, int kernelSize) {
        super("Conv1D", filters);
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

    /** @return the kernel's length */
    public int kernelSize() {
        return kernelSize;
    }

    /** @return the stride */
    public int strides() {
        return strides;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        Args.requireRank(name(), className(), in, 3, "(batch, steps, channels)");
        long steps = in[1];
        if (steps >= 0 && padding() == Padding.VALID && kernelSize > steps) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Conv1D): kernel_size " + kernelSize
                    + " is longer than the input " + Shapes.format(in) + " with padding 'valid'");
        }
        return new long[] {in[0], steps < 0 ? -1 : padding().outputSize(steps, kernelSize, strides), filters()};
    }

    @Override
    protected void onBuild(long[] in) {
        addKernelAndBias(new long[] {kernelSize, in[2], filters()});
    }

    @Override
    protected Tensor preActivation(Tensor input, boolean training) {
        long[] in = input.shape();
        long[] k = kernelVariable().shape();
        Tensor image = Ops.reshape(input, in[0], 1, in[1], in[2]);
        Tensor kernel2d = Ops.reshape(kernelVariable(), 1, k[0], k[1], k[2]);
        Tensor y = Conv2dOp.apply(image, kernel2d, biasVariable(), new int[] {1, strides}, padding());
        long[] out = y.shape();
        return Ops.reshape(y, out[0], out[2], out[3]);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        putConvConfig(c, List.of(kernelSize), List.of(strides));
        c.put("dilation_rate", List.of(1));
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
        l.strides(single(config, "strides", 1));
        return l.configureConvFrom(config);
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

package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.MaxPool2dOp;
import java.util.Map;

/**
 * Keras' MaxPooling2D: the maximum of each window; padded cells never win. Alias: {@link MaxPool2D}.
 *
 * <pre>{@code new MaxPooling2D(2)}</pre>
 */
public class MaxPooling2D extends Pooling2D<MaxPooling2D> {

    /**
     * @param poolSize the square window's side (strides default to it)
     */
    public MaxPooling2D(int poolSize) {
        this(new int[] {poolSize, poolSize});
    }

    /**
     * @param poolSize {@code {pH, pW}} (strides default to it)
     */
    public MaxPooling2D(int[] poolSize) {
        super(poolSize);
    }

    @Override
    public String className() {
        return "MaxPooling2D";
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return MaxPool2dOp.apply(input, poolSize(), strides(), padding());
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static MaxPooling2D fromConfig(Map<String, Object> config) {
        return configured(new MaxPooling2D(Args.intPair(config, "pool_size", new int[] {2, 2})), config);
    }
}

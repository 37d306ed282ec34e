package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.AvgPool2dOp;
import java.util.Map;

/**
 * Keras' AveragePooling2D: the mean of each window's real cells (padding is not counted). Alias: {@link AvgPool2D}.
 *
 * <pre>{@code new AveragePooling2D(2)}</pre>
 */
public class AveragePooling2D extends Pooling2D<AveragePooling2D> {

    /**
     * @param poolSize the square window's side (strides default to it)
     */
    public AveragePooling2D(int poolSize) {
        this(new int[] {poolSize, poolSize});
    }

    /**
     * @param poolSize {@code {pH, pW}} (strides default to it)
     */
    public AveragePooling2D(int[] poolSize) {
        super(poolSize);
    }

    @Override
    public String className() {
        return "AveragePooling2D";
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return AvgPool2dOp.apply(input, poolSize(), strides(), padding());
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static AveragePooling2D fromConfig(Map<String, Object> config) {
        return configured(new AveragePooling2D(Args.intPair(config, "pool_size", new int[] {2, 2})), config);
    }
}

package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.MinimumOp;
import java.util.List;
import java.util.Map;

/**
 * Keras' Minimum: the element-wise minimum of its inputs (shapes broadcast as {@link Merge} describes). On a tie the gradient goes
 * to the earlier input, as TensorFlow's does.
 */
public class Minimum extends Merge<Minimum> {

    /** A layer to apply to a list of tensors: {@code new Minimum().apply(x, y)}. */
    public Minimum() {
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, MinimumOp::apply);
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Minimum fromConfig(Map<String, Object> config) {
        Minimum l = new Minimum();
        l.configureFrom(config);
        return l;
    }
}

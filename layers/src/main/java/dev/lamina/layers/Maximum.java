package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.MaximumOp;
import java.util.List;
import java.util.Map;

/**
 * Keras' Maximum: the element-wise maximum of its inputs (shapes broadcast as {@link Merge} describes). On a tie the gradient goes
 * to the earlier input, as TensorFlow's does.
 */
public class Maximum extends Merge<Maximum> {

    /** A layer to apply to a list of tensors: {@code new Maximum().apply(x, y)}. */
    public Maximum() {
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, MaximumOp::apply);
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Maximum fromConfig(Map<String, Object> config) {
        Maximum l = new Maximum();
        l.configureFrom(config);
        return l;
    }
}

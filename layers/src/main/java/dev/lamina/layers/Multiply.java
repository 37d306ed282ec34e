package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.List;
import java.util.Map;

/** Keras' Multiply: the element-wise product of its inputs (shapes broadcast as {@link Merge} describes). */
public class Multiply extends Merge<Multiply> {

    /** A layer to apply to a list of tensors: {@code new Multiply().apply(x, y)}. */
    public Multiply() {
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Ops::multiply);
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Multiply fromConfig(Map<String, Object> config) {
        Multiply l = new Multiply();
        l.configureFrom(config);
        return l;
    }
}

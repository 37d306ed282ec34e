package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.List;
import java.util.Map;

/** Keras' Add: the element-wise sum of its inputs (shapes broadcast as {@link Merge} describes). */
public class Add extends Merge<Add> {

    /** A layer to apply to a list of tensors: {@code new Add().apply(x, y)}. */
    public Add() {
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return fold(inputs, Ops::add);
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Add fromConfig(Map<String, Object> config) {
        Add l = new Add();
        l.configureFrom(config);
        return l;
    }
}

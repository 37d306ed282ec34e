package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.List;
import java.util.Map;

/** Keras' Subtract: the first of exactly two inputs minus the second (shapes broadcast as {@link Merge} describes). */
public class Subtract extends Merge<Subtract> {

    /** A layer to apply to two tensors: {@code new Subtract().apply(x, y)} is {@code x - y}. */
    public Subtract() {
    }

    @Override
    protected int minInputs() {
        return 2;
    }

    @Override
    protected int maxInputs() {
        return 2;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return Ops.subtract(inputs.get(0), inputs.get(1));
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Subtract fromConfig(Map<String, Object> config) {
        Subtract l = new Subtract();
        l.configureFrom(config);
        return l;
    }
}

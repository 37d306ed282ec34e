package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;

/**
 * A symbolic tensor of the functional API: a shape (batch unknown) and the layer application that
 * produces it. {@code Input.shape(...)} makes the first ones; {@code layer.apply(x)} the rest.
 */
public final class KerasTensor {

    private final long[] shape;
    private final Layer layer;
    private final KerasTensor input;

    private KerasTensor(long[] shape, Layer layer, KerasTensor input) {
        this.shape = shape.clone();
        this.layer = layer;
        this.input = input;
    }

    /**
     * The output of applying {@code layer} to {@code input}. Used by {@link Layer#apply}.
     *
     * @param layer the layer
     * @param input its input ({@code null} for an input layer)
     * @param shape the output shape
     * @return the symbolic output
     */
    public static KerasTensor produced(Layer layer, KerasTensor input, long[] shape) {
        return new KerasTensor(shape, layer, input);
    }

    /** @return the shape, batch first as -1 */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the layer whose application produces this tensor */
    public Layer layer() {
        return layer;
    }

    /** @return the producing application's input, or {@code null} for a model input */
    public KerasTensor input() {
        return input;
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + Shapes.format(shape) + ", name=" + layer.name() + ">";
    }
}

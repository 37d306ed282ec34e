package dev.lamina.layers;

import java.util.List;

/**
 * A symbolic tensor of the functional API: a shape (batch unknown) and the layer application (the
 * node) that produces it, with every tensor that application read. {@code Input.shape(...)} makes
 * the first ones; {@code layer.apply(x)} and {@code mergeLayer.apply(x, y)} the rest.
 */
public final class KerasTensor {

    private final long[] shape;
    private final Layer layer;
    private final List<KerasTensor> inputs;

    private KerasTensor(long[] shape, Layer layer, List<KerasTensor> inputs) {
        this.shape = shape.clone();
        this.layer = layer;
        this.inputs = inputs;
    }

    /**
     * The output of applying {@code layer} to {@code inputs}. Used by {@link Layer#apply}.
     *
     * @param layer the layer
     * @param inputs the tensors the application reads (empty for an input layer)
     * @param shape the output shape, batch first as -1
     * @return the symbolic output
     */
    public static KerasTensor produced(Layer layer, List<KerasTensor> inputs, long[] shape) {
        return new KerasTensor(shape, layer, List.copyOf(inputs));
    }

    /** @return the shape, batch first as -1 */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the layer whose application produces this tensor */
    public Layer layer() {
        return layer;
    }

    /** @return every tensor the producing application read, in order (empty for a model input) */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** @return whether this tensor starts a graph: no layer application feeds it */
    public boolean isInput() {
        return inputs.isEmpty();
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + Shapes.format(shape) + ", name=" + layer.name() + ">";
    }
}

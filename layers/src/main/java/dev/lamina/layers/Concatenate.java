package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.ConcatOp;
import java.util.List;
import java.util.Map;

/**
 * Keras' Concatenate: joins its inputs along one axis (the last by default). Every input has the
 * same rank and the same sizes on every other axis.
 */
public class Concatenate extends FluentLayer<Concatenate> {

    private final int axis;

    /** Concatenation along the last axis (Keras' default {@code axis=-1}). */
    public Concatenate() {
        this(-1);
    }

    /**
     * Concatenation along an axis.
     *
     * @param axis the axis, counted with the batch axis; negative counts from the end; never the
     *     batch axis
     */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Concatenate cannot join along the batch axis. Received: axis=0");
        }
        this.axis = axis;
    }

    /** @return the axis as given (negative counts from the end) */
    public int axis() {
        return axis;
    }

    @Override
    public boolean acceptsSeveralInputs() {
        return true;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return computeOutputShape(List.of(inputShape));
    }

    @Override
    public long[] computeOutputShape(List<long[]> shapes) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("A `Concatenate` layer should be called on a list of at least 1 input "
                    + "(layer \"" + name() + "\")");
        }
        int rank = shapes.get(0).length;
        int a = axis < 0 ? rank + axis : axis;
        if (a <= 0 || a >= rank) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Concatenate): axis=" + axis + " is out of "
                    + "range for inputs of rank " + rank + " (or is the batch axis). Received: input_shape="
                    + Merge.formatAll(shapes));
        }
        long[] out = shapes.get(0).clone();
        for (int i = 1; i < shapes.size(); i++) {
            long[] s = shapes.get(i);
            boolean matches = s.length == rank;
            for (int d = 1; matches && d < rank; d++) {
                if (d != a && s[d] >= 0 && out[d] >= 0 && s[d] != out[d]) {
                    matches = false;
                }
            }
            if (!matches) {
                throw new IllegalArgumentException("A `Concatenate` layer requires inputs with matching shapes except "
                        + "for the concatenation axis. Received: input_shape=" + Merge.formatAll(shapes) + " (layer \""
                        + name() + "\", axis=" + axis + ")");
            }
            out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
        }
        return out;
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return input;
    }

    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        return inputs.size() == 1 ? inputs.get(0) : ConcatOp.apply(axis, inputs);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Concatenate fromConfig(Map<String, Object> config) {
        Concatenate l = new Concatenate((int) Args.number(config, "axis", -1));
        l.configureFrom(config);
        return l;
    }
}

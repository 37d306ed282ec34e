package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.List;
import java.util.Map;

/**
 * Keras' Softmax layer: {@code exp(x) / sum(exp(x))} along {@code axis}, the last axis (the one
 * Lamina computes softmax over, and Keras' default).
 *
 * <pre>{@code new Softmax()}</pre>
 */
public class Softmax extends FluentLayer<Softmax> {

    private int axis = -1;

    /** A softmax over the last axis. */
    public Softmax() {
    }

    /**
     * The axis to normalize over: -1, or the index of the last axis (checked when built).
     *
     * @param axis the axis
     * @return this layer
     */
    public Softmax axis(int axis) {
        this.axis = axis;
        return this;
    }

    /** @return the axis as configured */
    public int axis() {
        return axis;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        if (in.length < 2) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Softmax) needs a batch axis and at least "
                    + "one more. Full shape received: " + Shapes.format(in));
        }
        if (axis != -1 && axis != in.length - 1) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Softmax) supports only the last axis (-1 or "
                    + (in.length - 1) + " for input " + Shapes.format(in) + "). Received: axis=" + axis);
        }
        return in.clone();
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return Ops.softmax(input);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config.
     *
     * @param config a Keras-style config; an absent axis is -1
     * @return the layer
     * @throws IllegalArgumentException when the axis is not one integer
     */
    public static Softmax fromConfig(Map<String, Object> config) {
        Object a = config.get("axis");
        if (a instanceof List<?> list && list.size() == 1) {
            a = list.get(0);
        }
        if (a != null && !(a instanceof Integer || a instanceof Long)) {
            throw new IllegalArgumentException("Softmax supports one integer axis. Received: axis=" + a);
        }
        Softmax l = new Softmax().axis(a == null ? -1 : ((Number) a).intValue());
        l.configureFrom(config);
        return l;
    }
}

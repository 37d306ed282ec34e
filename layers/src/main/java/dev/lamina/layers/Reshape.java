package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.ReshapeOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Keras' Reshape: gives each sample a new shape, in row-major order, keeping the batch axis:
 * {@code (N, d1, d2, …) → (N, target_shape…)}. One entry of the target may be {@code -1}, inferred
 * from the sample's size.
 */
public class Reshape extends FluentLayer<Reshape> {

    private final long[] targetShape;

    /**
     * @param targetShape the shape of one sample, without the batch axis; positive entries and at
     *     most one {@code -1}
     * @throws IllegalArgumentException echoing the shape when an entry is 0 or below -1, or when
     *     more than one is -1
     */
    public Reshape(long... targetShape) {
        if (targetShape == null) {
            throw new IllegalArgumentException("Reshape needs a target_shape. Received: target_shape=None");
        }
        this.targetShape = targetShape.clone();
        int unknown = 0;
        for (long d : this.targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Invalid value for argument target_shape of Reshape: expected "
                        + "positive integers and at most one -1. Received: target_shape=" + tuple(this.targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("There must be at most one unknown dimension (-1) in target_shape. "
                    + "Received: target_shape=" + tuple(this.targetShape));
        }
    }

    /** @return the target shape of one sample, as given (with its -1, if any) */
    public long[] targetShape() {
        return targetShape.clone();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the layer, the input shape and the target shape when
     *     the sample's size does not fit the target
     */
    @Override
    public long[] computeOutputShape(long[] in) {
        if (in.length < 1) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Reshape) needs a batch axis. Received: "
                    + "input_shape=" + Shapes.format(in));
        }
        long[] out = new long[targetShape.length + 1];
        out[0] = in[0];
        System.arraycopy(targetShape, 0, out, 1, targetShape.length);
        long size = 1;
        for (int i = 1; i < in.length; i++) {
            if (in[i] < 0) {
                // The sample's size is unknown, and with it any -1 of the target.
                return out;
            }
            size *= in[i];
        }
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                inferred = i;
            } else {
                known *= targetShape[i];
            }
        }
        if (inferred < 0 ? known != size : size % known != 0) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Reshape): the total size of the tensor must "
                    + "be unchanged" + (inferred < 0 ? "" : ", but the input size cannot be divided by the specified "
                    + "dimensions in target_shape") + ". Received: input_shape=" + Shapes.format(in)
                    + ", target_shape=" + tuple(targetShape));
        }
        if (inferred >= 0) {
            out[inferred + 1] = size / known;
        }
        return out;
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return ReshapeOp.apply(input, computeOutputShape(input.value().shape()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Long> target = new ArrayList<>();
        for (long d : targetShape) {
            target.add(d);
        }
        c.put("target_shape", target);
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config.
     *
     * @param config a Keras-style config with a {@code target_shape} list
     * @return the layer
     * @throws IllegalArgumentException when the target shape is missing or invalid
     */
    public static Reshape fromConfig(Map<String, Object> config) {
        if (!(config.get("target_shape") instanceof List<?> list)) {
            throw new IllegalArgumentException("Reshape needs a target_shape list. Received: target_shape="
                    + config.get("target_shape"));
        }
        long[] target = new long[list.size()];
        for (int i = 0; i < target.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("Reshape's target_shape must hold integers. Received: target_shape="
                        + list);
            }
            target[i] = n.longValue();
        }
        Reshape l = new Reshape(target);
        l.configureFrom(config);
        return l;
    }

    /** Keras' tuple form of a target shape, -1 included: {@code (6,)}, {@code (2, -1)}. */
    private static String tuple(long[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }
}

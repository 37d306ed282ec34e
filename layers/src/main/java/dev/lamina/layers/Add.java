package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.AddOp;
import dev.lamina.core.ops.Ops;
import java.util.Arrays;
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
     * {@link #forward(List, boolean)} for a caller that never reads input {@code dead} again: the
     * sum may be written over that input's array (a residual block's batch-normalised branch)
     * instead of a new one. The caller promises that this layer is that input's only reader and
     * that it is none of the model's inputs or outputs; the layer still checks that the input's
     * own op will not read it ({@link Tensor#isResultUnreadByBackward()}) and that it has the sum's
     * shape and type, and adds out of place otherwise.
     *
     * @param inputs the two inputs
     * @param dead the index of the input that dies here
     * @param training whether in training
     * @return the sum, possibly sharing input {@code dead}'s array
     * @throws IllegalArgumentException naming the layer and the shapes when they do not match
     */
    public final Tensor forwardOverwriting(List<Tensor> inputs, int dead, boolean training) {
        if (inputs.size() != 2) {
            return forward(inputs, training);
        }
        buildOrCheck(inputs);
        Tensor target = inputs.get(dead);
        Tensor other = inputs.get(1 - dead);
        if (target == other || !target.isResultUnreadByBackward() || target.dataType() != other.dataType()
                || !Arrays.equals(target.shape(), other.shape())) {
            return forward(inputs, training);
        }
        return AddOp.applyOverwriting(target, other);
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

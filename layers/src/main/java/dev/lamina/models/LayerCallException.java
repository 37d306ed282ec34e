package dev.lamina.models;

import dev.lamina.backend.NativeOpException;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras' "Exception encountered when calling layer": a failure inside a layer's call, rethrown with
 * the layer's name and class and the dtype and shape of what it was given, the original as cause.
 */
final class LayerCallException {

    private LayerCallException() {
    }

    /**
     * The failure with the layer's context in front of its message: an
     * {@code IllegalArgumentException} stays one (a bad argument to the layer), anything else
     * becomes an {@code IllegalStateException}.
     */
    static RuntimeException wrap(RuntimeException e, Layer layer, List<Tensor> inputs, boolean training) {
        String message = "Exception encountered when calling layer \"" + layer.name() + "\" (" + layer.className()
                + ") on inputs " + describe(inputs) + ", training=" + training + ": " + e.getMessage();
        return e instanceof IllegalArgumentException ? new IllegalArgumentException(message, e)
                : new IllegalStateException(message, e);
    }

    private static String describe(List<Tensor> inputs) {
        List<String> out = new ArrayList<>();
        for (Tensor t : inputs) {
            out.add(t == null ? "(released)" : NativeOpException.describe(t.value()));
        }
        return out.toString();
    }
}

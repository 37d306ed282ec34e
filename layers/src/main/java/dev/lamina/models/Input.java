package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;

/** Keras' {@code Input}: the symbolic input of a functional model. */
public final class Input {

    private Input() {
    }

    /**
     * A symbolic input for samples of this shape, e.g. {@code Input.shape(32, 32, 3)}.
     *
     * @param dims the shape of one sample (no batch dimension)
     * @return the symbolic tensor; its layer is an {@link InputLayer}
     */
    public static KerasTensor shape(int... dims) {
        InputLayer layer = new InputLayer(dims);
        return layer.apply();
    }
}

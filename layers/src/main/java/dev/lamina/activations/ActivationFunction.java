package dev.lamina.activations;

import dev.lamina.core.Tensor;

/** An element-wise (or, for softmax, last-axis) activation with its Keras name. */
public interface ActivationFunction {

    /**
     * Applies the activation.
     *
     * @param x the input
     * @return the activated tensor
     */
    Tensor apply(Tensor x);

    /** @return Keras' name, e.g. {@code "relu"} */
    String name();
}

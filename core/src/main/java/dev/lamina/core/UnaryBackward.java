package dev.lamina.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward rule of a recorded operation with one tensor input: turns the gradient of its output
 * into the gradient of its input. The one-input form of {@link Backward}: it is only called when the
 * input wants a gradient, and returns that gradient alone, so a training step makes no result array
 * per operation.
 */
@FunctionalInterface
public interface UnaryBackward {

    /**
     * Computes the input gradient.
     *
     * @param gradOutput the gradient of the loss with respect to the operation's output, same shape
     * @return the gradient of the input, the shape of the input
     */
    INDArray apply(INDArray gradOutput);
}

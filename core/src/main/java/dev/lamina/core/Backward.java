package dev.lamina.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward rule of one recorded operation: turns the gradient of its output into gradients of
 * its inputs (vector-Jacobian products). An operation with one tensor input can use the lighter
 * {@link UnaryBackward}.
 */
@FunctionalInterface
public interface Backward {

    /**
     * Computes the input gradients.
     *
     * @param gradOutput the gradient of the loss with respect to the operation's output, same shape
     * @param needsGrad for each input, whether a gradient is wanted (inputs that do not require
     *     gradients may get {@code null}); the array is reused once the call returns, so a rule
     *     that keeps it must copy it
     * @return one gradient per input, each the shape of its input, or {@code null} where not needed;
     *     the backward pass reads it before it calls another rule, so a rule may hand back an array
     *     it refills on every call
     */
    INDArray[] apply(INDArray gradOutput, boolean[] needsGrad);
}

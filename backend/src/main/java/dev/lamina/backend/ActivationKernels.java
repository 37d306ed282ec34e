package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise activations and softmax, each writing into an output of its input's shape. */
public interface ActivationKernels {

    /**
     * Writes {@code max(x, 0)}.
     *
     * @param x the input
     * @param y the output to write
     */
    void relu(INDArray x, INDArray y);

    /**
     * Writes relu's input gradient, 0 where {@code y} is 0 (so 0 at exactly 0, as Keras).
     *
     * @param y the forward output
     * @param dy the output's gradient
     * @param dx the gradient to write
     */
    void reluBackward(INDArray y, INDArray dy, INDArray dx);

    /**
     * Writes {@code tanh(x)}.
     *
     * @param x the input
     * @param y the output to write
     */
    void tanh(INDArray x, INDArray y);

    /**
     * Writes tanh's input gradient.
     *
     * @param x the forward input
     * @param y the forward output
     * @param dy the output's gradient
     * @param dx the gradient to write
     */
    void tanhBackward(INDArray x, INDArray y, INDArray dy, INDArray dx);

    /**
     * Writes the logistic sigmoid {@code 1 / (1 + exp(-x))}.
     *
     * @param x the input
     * @param y the output to write
     */
    void sigmoid(INDArray x, INDArray y);

    /**
     * Writes sigmoid's input gradient.
     *
     * @param x the forward input
     * @param y the forward output
     * @param dy the output's gradient
     * @param dx the gradient to write
     */
    void sigmoidBackward(INDArray x, INDArray y, INDArray dy, INDArray dx);

    /**
     * Writes the softmax of {@code x} along {@code axis}, shifted by the maximum for stability.
     *
     * @param x the input
     * @param y the output to write
     * @param axis the axis, non-negative
     */
    void softmax(INDArray x, INDArray y, int axis);

    /**
     * Writes softmax's input gradient.
     *
     * @param x the forward input (not its output)
     * @param dy the output's gradient
     * @param dx the gradient to write
     * @param axis the forward axis
     */
    void softmaxBackward(INDArray x, INDArray dy, INDArray dx, int axis);
}

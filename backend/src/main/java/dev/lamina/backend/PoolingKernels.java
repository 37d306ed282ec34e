package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/** 2-D max and average pooling, channels-last; padded cells never win a max nor count in a mean. */
public interface PoolingKernels {

    /**
     * Writes the max over each window of {@code x} into {@code y}.
     *
     * @param x the {@code [N, H, W, C]} input
     * @param y the {@code [N, oH, oW, C]} output to write
     * @param window the pooling window
     * @param forBackward whether {@link #maxPool2dBackward} will be called
     * @return what {@link #maxPool2dBackward} needs beside the input (such as where each maximum
     *     was), or {@code null}
     */
    INDArray maxPool2d(INDArray x, INDArray y, Window2d window, boolean forBackward);

    /**
     * Writes the gradient of {@link #maxPool2d} with respect to its input.
     *
     * @param x the forward input
     * @param dy the output's gradient, any layout
     * @param state what the forward call returned
     * @param dx the {@code [N, H, W, C]} gradient to write
     * @param window the pooling window
     */
    void maxPool2dBackward(INDArray x, INDArray dy, INDArray state, INDArray dx, Window2d window);

    /**
     * Writes the mean over each window's real (unpadded) cells of {@code x} into {@code y}.
     *
     * @param x the {@code [N, H, W, C]} input
     * @param y the {@code [N, oH, oW, C]} output to write
     * @param window the pooling window
     */
    void avgPool2d(INDArray x, INDArray y, Window2d window);

    /**
     * Writes the gradient of {@link #avgPool2d} with respect to its input.
     *
     * @param x the forward input
     * @param dy the output's gradient
     * @param dx the {@code [N, H, W, C]} gradient to write
     * @param window the pooling window
     */
    void avgPool2dBackward(INDArray x, INDArray dy, INDArray dx, Window2d window);
}

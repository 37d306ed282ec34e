package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution (cross-correlation), channels-last, kernel {@code [kH, kW, inC, outC]}. Inputs
 * are row-major arrays without gaps; outputs are written in place or handed out by the arena.
 */
public interface ConvolutionKernels {

    /**
     * Writes {@code y = conv(x, w) + b}.
     *
     * @param x the {@code [N, H, W, inC]} input
     * @param w the {@code [kH, kW, inC, outC]} kernel
     * @param b the {@code [outC]} bias, or {@code null}
     * @param y the {@code [N, oH, oW, outC]} output to write
     * @param window the kernel's geometry
     */
    void conv2d(INDArray x, INDArray w, INDArray b, INDArray y, Window2d window);

    /**
     * The gradients of {@link #conv2d} with respect to its inputs.
     *
     * @param x the forward input
     * @param w the forward kernel
     * @param b the forward bias, or {@code null}
     * @param dy the output's gradient, any layout
     * @param window the kernel's geometry
     * @param needs which of {@code x, w, b} want a gradient
     * @return a fresh array {@code {dx, dw}} (no bias) or {@code {dx, dw, db}}; an entry whose
     *     gradient was not wanted may be {@code null}
     */
    INDArray[] conv2dBackward(INDArray x, INDArray w, INDArray b, INDArray dy, Window2d window, boolean[] needs);
}

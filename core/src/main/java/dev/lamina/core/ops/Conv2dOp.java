package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Window2d;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution (cross-correlation, as Keras), channels-last, kernel {@code [kH, kW, inC, outC]},
 * optional bias, through the {@link dev.lamina.backend.ConvolutionKernels} that
 * {@link Kernels#convolution} chooses.
 */
public final class Conv2dOp {

    private Conv2dOp() {
    }

    /**
     * Convolves {@code x} with {@code kernel}.
     *
     * @param x a {@code [N, H, W, inC]} tensor
     * @param kernel a {@code [kH, kW, inC, outC]} tensor
     * @param bias a {@code [outC]} tensor, or {@code null} for none
     * @param strides {@code {sH, sW}}
     * @param padding valid or same (TensorFlow's rule)
     * @return the {@code [N, oH, oW, outC]} result
     * @throws IllegalArgumentException naming the op, the input shape and the offending argument
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor bias, int[] strides, Padding padding) {
        // libnd4j's conv2d misreads a permuted view (values of 1e36 out of [0, 1) inputs).
        INDArray xv = ArrayArena.rowMajor(x.value());
        INDArray wv = ArrayArena.rowMajor(kernel.value());
        INDArray bv = bias == null ? null : ArrayArena.rowMajor(bias.value());
        ShapeChecks.pair("conv2d", "strides", strides);
        INDArray y = output(xv, wv, bv, strides, padding);
        Window2d window = Window2d.of(xv.size(1), xv.size(2), (int) wv.size(0), (int) wv.size(1), strides[0],
                strides[1], padding == Padding.SAME, y.size(1), y.size(2));
        Kernels.convolution(xv, wv).conv2d(xv, wv, bv, y, window);
        Tensor[] recorded = bv == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
        return Tensor.record("conv2d", y, (dy, needs) ->
                Kernels.convolution(xv, wv, dy).conv2dBackward(xv, wv, bv, dy, window, needs), recorded)
                .resultUnreadByBackward();
    }

    /**
     * The output to write, after checking every argument.
     *
     * @param x the input
     * @param kernel the kernel
     * @param bias the bias or {@code null}
     * @param strides the strides
     * @param padding the padding
     * @return an uninitialised {@code [N, oH, oW, outC]} array
     */
    static INDArray output(INDArray x, INDArray kernel, INDArray bias, int[] strides, Padding padding) {
        if (x.rank() != 4) {
            throw ShapeChecks.error("conv2d", "input must have rank 4 [batch, height, width, channels], got input shape "
                    + ShapeChecks.str(x));
        }
        if (kernel.rank() != 4) {
            throw ShapeChecks.error("conv2d", "kernel must have rank 4 [kH, kW, inC, outC], got kernel shape "
                    + ShapeChecks.str(kernel) + " (input shape " + ShapeChecks.str(x) + ")");
        }
        if (kernel.size(2) != x.size(3)) {
            throw ShapeChecks.error("conv2d", "kernel shape " + ShapeChecks.str(kernel) + " expects " + kernel.size(2)
                    + " input channels (kernel inC) but input shape " + ShapeChecks.str(x) + " has " + x.size(3));
        }
        if (bias != null && (bias.rank() != 1 || bias.length() != kernel.size(3))) {
            throw ShapeChecks.error("conv2d", "bias shape " + ShapeChecks.str(bias) + " does not match the kernel's "
                    + kernel.size(3) + " output channels (input shape " + ShapeChecks.str(x) + ")");
        }
        long oh = Pooling.checkedOutputSize("conv2d", "kernel", x, 1, kernel.size(0), strides[0], padding);
        long ow = Pooling.checkedOutputSize("conv2d", "kernel", x, 2, kernel.size(1), strides[1], padding);
        return ArrayArena.uninitialized(x.dataType(), x.size(0), oh, ow, kernel.size(3));
    }
}

package dev.lamina.core.ops;

import dev.lamina.core.ArrayArena;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution (cross-correlation, as Keras), channels-last, kernel {@code [kH, kW, inC, outC]},
 * optional bias, through libnd4j's {@code conv2d} and {@code conv2d_bp} (oneDNN on CPU).
 */
public final class Conv2dOp {

    private static final NativeOp CONV2D = new NativeOp("conv2d");
    private static final NativeOp CONV2D_BP = new NativeOp("conv2d_bp");
    private static final NativeOp IM2COL = new NativeOp("im2col");

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
        INDArray xv = x.value();
        INDArray wv = kernel.value();
        INDArray bv = bias == null ? null : bias.value();
        Shapes.pair("conv2d", "strides", strides);
        long[] outShape = outputShape(xv, wv, bv, strides, padding);
        long[] iargs = {wv.size(0), wv.size(1), strides[0], strides[1], 0, 0, 1, 1, padding.nativeMode(), 1, 0};
        INDArray y = ArrayArena.uninitialized(xv.dataType(), outShape);
        INDArray[] inputs = bv == null ? new INDArray[] {xv, wv} : new INDArray[] {xv, wv, bv};
        CONV2D.exec(inputs, new INDArray[] {y}, iargs, NativeOp.NO_TARGS);
        Tensor[] recorded = bv == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
        boolean singleChannelValid = xv.size(3) == 1 && strides[0] == 1 && strides[1] == 1 && padding == Padding.VALID;
        return Tensor.record("conv2d", y, (dy, needs) -> {
            if (!needs[0] && singleChannelValid) {
                return weightGradientsOnly(xv, wv, bv, dy);
            }
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            INDArray dw = ArrayArena.uninitialized(wv.dataType(), wv.shape());
            if (bv == null) {
                CONV2D_BP.exec(new INDArray[] {xv, wv, dy}, new INDArray[] {dx, dw}, iargs, NativeOp.NO_TARGS);
                return new INDArray[] {dx, dw};
            }
            INDArray db = ArrayArena.uninitialized(bv.dataType(), bv.shape());
            CONV2D_BP.exec(new INDArray[] {xv, wv, bv, dy}, new INDArray[] {dx, dw, db}, iargs, NativeOp.NO_TARGS);
            return new INDArray[] {dx, dw, db};
        }, recorded);
    }

    /**
     * The kernel and bias gradients of a one-channel, stride-1, valid convolution whose input needs
     * no gradient: a network's first layer on grey images. libnd4j's conv2d_bp always computes the
     * input gradient too, and with one input channel its oneDNN path runs about 15x slower than the
     * forward pass (ND4J-NOTES); here the input's patches (im2col, whose NCHW layout a one-channel
     * NHWC array already has) meet the output gradient in one batched oneDNN matmul.
     */
    private static INDArray[] weightGradientsOnly(INDArray x, INDArray w, INDArray b, INDArray dy) {
        long n = x.size(0);
        long kh = w.size(0);
        long kw = w.size(1);
        long outC = w.size(3);
        long oh = dy.size(1);
        long ow = dy.size(2);
        INDArray col = ArrayArena.uninitialized(x.dataType(), n, 1, kh, kw, oh, ow);
        IM2COL.exec(new INDArray[] {x.reshape('c', n, 1, x.size(1), x.size(2))}, new INDArray[] {col},
                new long[] {kh, kw, 1, 1, 0, 0, 1, 1, 0}, new double[] {0.0});
        // Per sample: [kh*kw, oh*ow] · [oh*ow, outC], then summed over the batch.
        INDArray perSample = MatMulOp.batched(col.reshape('c', n, kh * kw, oh * ow), dy.reshape('c', n, oh * ow, outC));
        INDArray dw = Reductions.sumRows(perSample.reshape('c', n, kh * kw * outC)).reshape('c', kh, kw, 1L, outC);
        if (b == null) {
            return new INDArray[] {null, dw};
        }
        // Not reshape('c', outC): Java would widen 'c' to a long and pick reshape(long...).
        INDArray db = Reductions.sumRows(dy.reshape('c', n * oh * ow, outC)).reshape('c', new long[] {outC});
        return new INDArray[] {null, dw, db};
    }

    /**
     * The output shape, after checking every argument.
     *
     * @param x the input
     * @param kernel the kernel
     * @param bias the bias or {@code null}
     * @param strides the strides
     * @param padding the padding
     * @return {@code [N, oH, oW, outC]}
     */
    static long[] outputShape(INDArray x, INDArray kernel, INDArray bias, int[] strides, Padding padding) {
        if (x.rank() != 4) {
            throw Shapes.error("conv2d", "input must have rank 4 [batch, height, width, channels], got input shape "
                    + Shapes.str(x));
        }
        if (kernel.rank() != 4) {
            throw Shapes.error("conv2d", "kernel must have rank 4 [kH, kW, inC, outC], got kernel shape "
                    + Shapes.str(kernel) + " (input shape " + Shapes.str(x) + ")");
        }
        if (kernel.size(2) != x.size(3)) {
            throw Shapes.error("conv2d", "kernel shape " + Shapes.str(kernel) + " expects " + kernel.size(2)
                    + " input channels (kernel inC) but input shape " + Shapes.str(x) + " has " + x.size(3));
        }
        if (bias != null && (bias.rank() != 1 || bias.length() != kernel.size(3))) {
            throw Shapes.error("conv2d", "bias shape " + Shapes.str(bias) + " does not match the kernel's "
                    + kernel.size(3) + " output channels (input shape " + Shapes.str(x) + ")");
        }
        long oh = Pooling.checkedOutputSize("conv2d", "kernel", x, 1, kernel.size(0), strides[0], padding);
        long ow = Pooling.checkedOutputSize("conv2d", "kernel", x, 2, kernel.size(1), strides[1], padding);
        return new long[] {x.size(0), oh, ow, kernel.size(3)};
    }
}

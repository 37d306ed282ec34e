package dev.lamina.core.ops;

import dev.lamina.backend.NativeOp;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.backend.onednn.Convolution;
import dev.lamina.backend.onednn.OneDnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-D convolution (cross-correlation, as Keras), channels-last, kernel {@code [kH, kW, inC, outC]},
 * optional bias: through oneDNN's primitives on the CPU in float32 ({@link Convolution}), else
 * libnd4j's {@code conv2d} and {@code conv2d_bp}.
 */
public final class Conv2dOp {

    private static final NativeOp CONV2D = new NativeOp("conv2d");
    private static final NativeOp CONV2D_BP = new NativeOp("conv2d_bp");

    /** Inputs with at most this many channels take the patches route for weight-only gradients. */
    private static final long MAX_PATCH_CHANNELS = 4;

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
        // Rows and columns of zeros before and after the input, as TensorFlow places them.
        long[][] pad = Padding.explicit(xv, wv.size(0), wv.size(1), strides, y);
        if (OneDnn.supports(xv, wv)) {
            Convolution.forward(xv, wv, bv, y, strides, pad[0], pad[1]);
        } else {
            INDArray[] inputs = bv == null ? new INDArray[] {xv, wv} : new INDArray[] {xv, wv, bv};
            CONV2D.exec(inputs, new INDArray[] {y}, iargs(wv, strides, padding), NativeOp.NO_TARGS);
        }
        Tensor[] recorded = bv == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
        boolean fewChannelsStride1 = xv.size(3) <= MAX_PATCH_CHANNELS && strides[0] == 1 && strides[1] == 1;
        return Tensor.record("conv2d", y, (dy, needs) -> {
            if (OneDnn.supports(xv, wv, dy)) {
                return throughOneDnn(xv, wv, bv, dy, strides, pad, needs);
            }
            if (!needs[0] && fewChannelsStride1) {
                return weightGradientsOnly(xv, wv, bv, dy, padding, pad[0]);
            }
            INDArray dyv = ArrayArena.rowMajor(dy);
            long[] iargs = iargs(wv, strides, padding);
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            INDArray dw = ArrayArena.uninitialized(wv.dataType(), wv.shape());
            if (bv == null) {
                CONV2D_BP.exec(new INDArray[] {xv, wv, dyv}, new INDArray[] {dx, dw}, iargs, NativeOp.NO_TARGS);
                return Gradients.of(dx, dw);
            }
            INDArray db = ArrayArena.uninitialized(bv.dataType(), bv.shape());
            CONV2D_BP.exec(new INDArray[] {xv, wv, bv, dyv}, new INDArray[] {dx, dw, db}, iargs, NativeOp.NO_TARGS);
            return Gradients.of(dx, dw, db);
        }, recorded);
    }

    /** libnd4j's conv2d and conv2d_bp integer arguments, channels-last. */
    private static long[] iargs(INDArray kernel, int[] strides, Padding padding) {
        return new long[] {kernel.size(0), kernel.size(1), strides[0], strides[1], 0, 0, 1, 1, padding.nativeMode(), 1,
            0};
    }

    /**
     * The gradients through oneDNN's backward-data and backward-weights primitives, each run only
     * when its gradients are wanted. libnd4j's conv2d_bp reorders the input, the output gradient
     * and the input gradient to a blocked layout and back on every call; here they stay
     * channels-last. Figures for the MNIST CNN's second and third layers ([64, 13, 13, 32] and
     * [64, 5, 5, 64] inputs, 3x3 kernels) are in docs/PERFORMANCE.md.
     */
    private static INDArray[] throughOneDnn(INDArray x, INDArray w, INDArray b, INDArray dy, int[] strides,
            long[][] pad, boolean[] needs) {
        // x and w are row-major already (apply); the gradient arrives in whatever layout.
        INDArray dyd = ArrayArena.rowMajor(dy);
        INDArray dx = needs[0] ? ArrayArena.uninitialized(x.dataType(), x.shape()) : null;
        boolean kernelGradients = needs[1] || (b != null && needs[2]);
        INDArray dw = kernelGradients ? ArrayArena.uninitialized(w.dataType(), w.shape()) : null;
        INDArray db = kernelGradients && b != null ? ArrayArena.uninitialized(b.dataType(), b.shape()) : null;
        Convolution.backward(x, w, b != null, dyd, strides, pad[0], pad[1], dx, dw, db);
        return b == null ? Gradients.of(dx, dw) : Gradients.of(dx, dw, db);
    }

    /**
     * The kernel and bias gradients of a stride-1 convolution over few channels whose input needs
     * no gradient (a network's first layer) when oneDNN's primitives are not used (float64, another
     * backend, or turned off). libnd4j's conv2d_bp always computes the input gradient
     * too, and with one input channel its oneDNN path runs many times slower than the forward
     * pass. Here the (zero-padded, for same padding) input is laid out as patches, one
     * contiguous row per kernel tap and channel ({@code kh*kw*C} strided copies), which meet the
     * output gradient in a single GEMM {@code patches · dy} whose rows follow the kernel's
     * {@code [kh, kw, C, outC]} order. On the MNIST CNN's first layer (28x28x1 -> 32 filters) the
     * copies and the GEMM together beat copies into a pixel-major layout, im2col (whose per-sample
     * layout forced a batched product and a sum over the batch) and conv2d_bp; figures in
     * docs/PERFORMANCE.md.
     */
    private static INDArray[] weightGradientsOnly(INDArray x, INDArray w, INDArray b, INDArray dy, Padding padding,
            long[] padBefore) {
        long n = x.size(0);
        int kh = (int) w.size(0);
        int kw = (int) w.size(1);
        long c = x.size(3);
        long outC = w.size(3);
        int oh = (int) dy.size(1);
        int ow = (int) dy.size(2);
        int top = (int) padBefore[0];
        int left = (int) padBefore[1];
        INDArray source = padding == Padding.SAME
                ? ArrayArena.zeros(x.dataType(), n, x.size(1) + kh - 1, x.size(2) + kw - 1, c)
                : x;
        INDArray patches = ArrayArena.uninitialized(x.dataType(), kh * kw * c, n, oh, ow);
        TapViews views = TapViews.of(source, patches, kh, kw, oh, ow, top, left, x);
        if (views.interior != null) {
            views.interior.assign(x);
        }
        for (int i = 0; i < views.to.length; i++) {
            views.to[i].assign(views.from[i]);
        }
        long rows = n * oh * ow;
        INDArray dyRows = dy.reshape('c', rows, outC);
        INDArray dw = MatMulOp.product(patches.reshape('c', kh * kw * c, rows), dyRows, false, false)
                .reshape('c', kh, kw, c, outC);
        if (b == null) {
            return Gradients.of(null, dw);
        }
        INDArray db = Reductions.columnSums(dyRows);
        return Gradients.of(null, dw, db);
    }

    /**
     * The strided views {@link #weightGradientsOnly} copies through. Building an ND4J view costs a
     * shape buffer and a deallocator registration (Java garbage each time; together these views
     * were the largest share of a training step's Java allocations), so they are kept while the
     * arena hands out the same source and patches arrays, which it does from step to step.
     * Tap-major: {@code to[(di*kw + dj)*C + ch]} is patches row {@code (di, dj, ch)},
     * {@code from[...]} the input under that tap and channel.
     */
    private static final class TapViews {

        /**
         * A few recent entries per thread: with valid padding the source is the batch itself, and
         * batch arrays take turns (prefetched and recycled ones).
         */
        private static final int KEPT = 4;
        private static final ThreadLocal<TapViews[]> RECENT = ThreadLocal.withInitial(() -> new TapViews[KEPT]);

        private final INDArray source;
        private final INDArray patches;
        /** The unpadded region of a same-padded source, or null for valid padding. */
        private final INDArray interior;
        private final INDArray[] from;
        private final INDArray[] to;

        private TapViews(INDArray source, INDArray patches, int kh, int kw, int oh, int ow, int top, int left,
                INDArray input) {
            this.source = source;
            this.patches = patches;
            this.interior = source == input ? null
                    : source.get(NDArrayIndex.all(), NDArrayIndex.interval(top, top + input.size(1)),
                            NDArrayIndex.interval(left, left + input.size(2)), NDArrayIndex.all());
            long c = input.size(3);
            int taps = (int) (kh * kw * c);
            this.from = new INDArray[taps];
            this.to = new INDArray[taps];
            for (int di = 0; di < kh; di++) {
                for (int dj = 0; dj < kw; dj++) {
                    for (long ch = 0; ch < c; ch++) {
                        int row = (int) ((di * kw + dj) * c + ch);
                        to[row] = patches.get(NDArrayIndex.point(row));
                        from[row] = source.get(NDArrayIndex.all(), NDArrayIndex.interval(di, di + oh),
                                NDArrayIndex.interval(dj, dj + ow), NDArrayIndex.point(ch));
                    }
                }
            }
        }

        /** The views for these arrays: a recent entry when the arrays are the same objects. */
        static TapViews of(INDArray source, INDArray patches, int kh, int kw, int oh, int ow, int top, int left,
                INDArray input) {
            TapViews[] recent = RECENT.get();
            for (int i = 0; i < recent.length; i++) {
                TapViews v = recent[i];
                if (v != null && v.source == source && v.patches == patches) {
                    System.arraycopy(recent, 0, recent, 1, i);
                    recent[0] = v;
                    return v;
                }
            }
            TapViews fresh = new TapViews(source, patches, kh, kw, oh, ow, top, left, input);
            System.arraycopy(recent, 0, recent, 1, recent.length - 1);
            recent[0] = fresh;
            return fresh;
        }
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

package dev.lamina.backend.nd4j;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Constants;
import dev.lamina.backend.ConvolutionKernels;
import dev.lamina.backend.NativeOp;
import dev.lamina.backend.Window2d;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolution through libnd4j's {@code conv2d} and {@code conv2d_bp}, for every data type and
 * backend, plus a faster route for the kernel gradients of a network's first layer.
 */
public final class Nd4jConvolutionKernels implements ConvolutionKernels {

    /** The one instance. */
    public static final Nd4jConvolutionKernels INSTANCE = new Nd4jConvolutionKernels();

    private static final NativeOp CONV2D = new NativeOp("conv2d");
    private static final NativeOp CONV2D_BP = new NativeOp("conv2d_bp");

    /** Inputs with at most this many channels take the patches route for weight-only gradients. */
    private static final long MAX_PATCH_CHANNELS = 4;

    private Nd4jConvolutionKernels() {
    }

    @Override
    public void conv2d(INDArray x, INDArray w, INDArray b, INDArray y, Window2d window) {
        INDArray[] inputs = b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b};
        CONV2D.exec(inputs, new INDArray[] {y}, window.convolutionArgs(), NativeOp.NO_TARGS);
    }

    @Override
    public INDArray[] conv2dBackward(INDArray x, INDArray w, INDArray b, INDArray dy, Window2d window,
            boolean[] needs) {
        int[] strides = window.strides();
        if (!needs[0] && x.size(3) <= MAX_PATCH_CHANNELS && strides[0] == 1 && strides[1] == 1) {
            return weightGradientsOnly(x, w, b, dy, window);
        }
        INDArray dyv = ArrayArena.rowMajor(dy);
        INDArray dx = ArrayArena.uninitialized(x.dataType(), x.shape());
        INDArray dw = ArrayArena.uninitialized(w.dataType(), w.shape());
        if (b == null) {
            CONV2D_BP.exec(new INDArray[] {x, w, dyv}, new INDArray[] {dx, dw}, window.convolutionArgs(),
                    NativeOp.NO_TARGS);
            return new INDArray[] {dx, dw};
        }
        INDArray db = ArrayArena.uninitialized(b.dataType(), b.shape());
        CONV2D_BP.exec(new INDArray[] {x, w, b, dyv}, new INDArray[] {dx, dw, db}, window.convolutionArgs(),
                NativeOp.NO_TARGS);
        return new INDArray[] {dx, dw, db};
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
     * layout forced a batched product and a sum over the batch) and conv2d_bp;
     */
    private static INDArray[] weightGradientsOnly(INDArray x, INDArray w, INDArray b, INDArray dy,
            Window2d window) {
        long[] padBefore = window.padBefore();
        long n = x.size(0);
        int kh = (int) w.size(0);
        int kw = (int) w.size(1);
        long c = x.size(3);
        long outC = w.size(3);
        int oh = (int) dy.size(1);
        int ow = (int) dy.size(2);
        int top = (int) padBefore[0];
        int left = (int) padBefore[1];
        INDArray source = window.same()
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
        INDArray dw = product(patches.reshape('c', kh * kw * c, rows), dyRows).reshape('c', kh, kw, c, outC);
        if (b == null) {
            return new INDArray[] {null, dw};
        }
        INDArray db = ArrayArena.reshape(product(Constants.onesRow(dy.dataType(), rows), dyRows), outC);
        return new INDArray[] {null, dw, db};
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

    /** {@code a · b} into an arena array. */
    private static INDArray product(INDArray a, INDArray b) {
        INDArray out = ArrayArena.uninitialized(a.dataType(), a.size(0), b.size(1));
        Nd4jMatMulKernels.INSTANCE.matmul(a, b, false, false, out);
        return out;
    }
}

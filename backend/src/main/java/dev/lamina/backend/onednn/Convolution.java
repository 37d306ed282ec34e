package dev.lamina.backend.onednn;

import static dev.lamina.backend.onednn.OneDnn.check;
import static dev.lamina.backend.onednn.OneDnn.desc;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_data_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_weights_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_hwio;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import java.util.Arrays;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution through oneDNN, forward and backward: channels-last input and output,
 * kernel {@code [kH, kW, inC, outC]} (oneDNN's {@code hwio}), optional bias. The kernel and its
 * gradient are reordered to the layout oneDNN's fastest implementation asks for (a few thousand
 * numbers); the activations are used where they lie.
 */
public final class Convolution {

    /** Each thread's primitives, one entry per configuration met (a network has a few). */
    private static final PrimitiveCache<Config> CONFIGS = new PrimitiveCache<>(32);

    private Convolution() {
    }

    /**
     * The gradients of {@code y = conv(x, w) + b}. Each output may be null when it is not wanted;
     * the kernel and bias gradients come from one primitive, so asking for one computes both.
     *
     * @param x the {@code [N, H, W, inC]} input
     * @param w the {@code [kH, kW, inC, outC]} kernel
     * @param withBias whether the convolution has a bias
     * @param dy the {@code [N, oH, oW, outC]} output gradient
     * @param strides {@code {sH, sW}}
     * @param padBefore zero rows and columns before the input {@code {top, left}}
     * @param padAfter zero rows and columns after it {@code {bottom, right}}
     * @param dx the input gradient to write, or null
     * @param dw the kernel gradient to write, or null
     * @param db the bias gradient to write, or null (must be given when {@code dw} is and there is a bias)
     */
    public static void backward(INDArray x, INDArray w, boolean withBias, INDArray dy, int[] strides,
            long[] padBefore, long[] padAfter, INDArray dx, INDArray dw, INDArray db) {
        Config b = Config.of(x, w, withBias, dy, strides, padBefore, padAfter);
        long dyAddress = OneDnn.address(dy);
        if (dx != null) {
            long weights = OneDnn.address(w);
            if (b.kernelToBlocked != null) {
                b.kernelToBlocked.run(weights, b.blockedKernel.address());
                weights = b.blockedKernel.address();
            }
            b.data.run(dyAddress, weights, OneDnn.address(dx));
        }
        if (dw != null) {
            long dwTarget = b.blockedToKernel != null ? b.blockedKernelGradient.address() : OneDnn.address(dw);
            if (withBias) {
                b.weights.run(OneDnn.address(x), dyAddress, dwTarget, OneDnn.address(db));
            } else {
                b.weights.run(OneDnn.address(x), dyAddress, dwTarget);
            }
            if (b.blockedToKernel != null) {
                b.blockedToKernel.run(dwTarget, OneDnn.address(dw));
            }
        }
    }

    /**
     * {@code y = conv(x, w) + b}.
     *
     * @param x the {@code [N, H, W, inC]} input
     * @param w the {@code [kH, kW, inC, outC]} kernel
     * @param b the {@code [outC]} bias, or null
     * @param y the {@code [N, oH, oW, outC]} output to write
     * @param strides {@code {sH, sW}}
     * @param padBefore zero rows and columns before the input {@code {top, left}}
     * @param padAfter zero rows and columns after it {@code {bottom, right}}
     */
    public static void forward(INDArray x, INDArray w, INDArray b, INDArray y, int[] strides, long[] padBefore,
            long[] padAfter) {
        Config c = Config.of(x, w, b != null, y, strides, padBefore, padAfter);
        long weights = OneDnn.address(w);
        if (c.kernelToForward != null) {
            c.kernelToForward.run(weights, c.forwardKernel.address());
            weights = c.forwardKernel.address();
        }
        if (b != null) {
            c.forward.run(OneDnn.address(x), weights, OneDnn.address(b), OneDnn.address(y));
        } else {
            c.forward.run(OneDnn.address(x), weights, OneDnn.address(y));
        }
    }

    /** The primitives of one configuration: shapes, strides, padding, bias or not. */
    private static final class Config implements PrimitiveCache.Entry {
        final Primitive forward;
        final Primitive kernelToForward;
        final BytePointer forwardKernel;
        final Primitive data;
        final Primitive weights;
        final Primitive kernelToBlocked;
        final Primitive blockedToKernel;
        final BytePointer blockedKernel;
        final BytePointer blockedKernelGradient;

        private Config(INDArray x, INDArray w, boolean withBias, INDArray dy, int[] strides,
                long[] padBefore, long[] padAfter) {
            long n = x.size(0);
            long inC = x.size(3);
            long outC = w.size(3);
            dnnl_memory_desc_t src = desc(dnnl_nhwc, n, inC, x.size(1), x.size(2));
            dnnl_memory_desc_t dst = desc(dnnl_nhwc, n, outC, dy.size(1), dy.size(2));
            long[] kernelDims = {outC, inC, w.size(0), w.size(1)};
            dnnl_memory_desc_t kernel = desc(dnnl_hwio, kernelDims);
            dnnl_memory_desc_t anyKernel = desc(dnnl_format_tag_any, kernelDims);
            dnnl_memory_desc_t bias = withBias ? desc(dnnl_x, outC) : null;
            long[] s = {strides[0], strides[1]};

            dnnl_convolution_desc_t forward = new dnnl_convolution_desc_t();
            check(dnnl_convolution_forward_desc_init(forward, dnnl_forward_training, dnnl_convolution_direct, src,
                    anyKernel, bias, dst, s, padBefore, padAfter), "convolution forward descriptor");
            dnnl_primitive_desc hint = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(hint, new const_dnnl_op_desc_t(forward), null, OneDnn.engine(), null),
                    "convolution forward primitive descriptor");
            String shape = Arrays.toString(x.shape());
            dnnl_memory_desc_t forwardKernelDesc = dnnl_primitive_desc_query_md(hint, dnnl_query_weights_md, 0);
            this.forward = withoutMissing("convolution forward " + shape, hint,
                    new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST},
                    new dnnl_memory_desc_t[] {src, forwardKernelDesc, bias, dst});
            boolean reorderForward = dnnl_memory_desc_equal(forwardKernelDesc, kernel) == 0;
            this.kernelToForward = reorderForward
                    ? Primitive.reorder("convolution kernel reorder", kernel, forwardKernelDesc) : null;
            this.forwardKernel = reorderForward ? new BytePointer(dnnl_memory_desc_get_size(forwardKernelDesc)) : null;

            dnnl_convolution_desc_t dataDesc = new dnnl_convolution_desc_t();
            check(dnnl_convolution_backward_data_desc_init(dataDesc, dnnl_convolution_direct, src, anyKernel, dst, s,
                    padBefore, padAfter), "convolution backward-data descriptor");
            dnnl_primitive_desc dataPd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(dataPd, new const_dnnl_op_desc_t(dataDesc), null, OneDnn.engine(), hint),
                    "convolution backward-data primitive descriptor");
            dnnl_memory_desc_t dataKernel = dnnl_primitive_desc_query_md(dataPd, dnnl_query_weights_md, 0);
            this.data = new Primitive("convolution backward data " + shape, dataPd,
                    new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC},
                    new dnnl_memory_desc_t[] {dst, dataKernel, src});
            boolean reorderKernel = dnnl_memory_desc_equal(dataKernel, kernel) == 0;
            this.kernelToBlocked = reorderKernel ? Primitive.reorder("convolution kernel reorder", kernel, dataKernel)
                    : null;
            this.blockedKernel = reorderKernel ? new BytePointer(dnnl_memory_desc_get_size(dataKernel)) : null;

            dnnl_convolution_desc_t weightsDesc = new dnnl_convolution_desc_t();
            check(dnnl_convolution_backward_weights_desc_init(weightsDesc, dnnl_convolution_direct, src, anyKernel,
                    bias, dst, s, padBefore, padAfter), "convolution backward-weights descriptor");
            dnnl_primitive_desc weightsPd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(weightsPd, new const_dnnl_op_desc_t(weightsDesc), null, OneDnn.engine(),
                    hint), "convolution backward-weights primitive descriptor");
            dnnl_memory_desc_t gradientKernel = dnnl_primitive_desc_query_md(weightsPd, dnnl_query_diff_weights_md, 0);
            this.weights = withoutMissing("convolution backward weights " + shape, weightsPd,
                    new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS, DNNL_ARG_DIFF_BIAS},
                    new dnnl_memory_desc_t[] {src, dst, gradientKernel, bias});
            boolean reorderGradient = dnnl_memory_desc_equal(gradientKernel, kernel) == 0;
            this.blockedToKernel = reorderGradient
                    ? Primitive.reorder("convolution kernel-gradient reorder", gradientKernel, kernel) : null;
            this.blockedKernelGradient = reorderGradient
                    ? new BytePointer(dnnl_memory_desc_get_size(gradientKernel)) : null;
        }

        /** A primitive over the arguments whose descriptor is not null (the bias's, without a bias). */
        private static Primitive withoutMissing(String name, dnnl_primitive_desc pd, int[] kinds,
                dnnl_memory_desc_t[] descs) {
            int present = 0;
            for (dnnl_memory_desc_t d : descs) {
                present += d == null ? 0 : 1;
            }
            int[] presentKinds = new int[present];
            dnnl_memory_desc_t[] presentDescs = new dnnl_memory_desc_t[present];
            for (int i = 0, j = 0; i < descs.length; i++) {
                if (descs[i] != null) {
                    presentKinds[j] = kinds[i];
                    presentDescs[j++] = descs[i];
                }
            }
            return new Primitive(name, pd, presentKinds, presentDescs);
        }

        static Config of(INDArray x, INDArray w, boolean withBias, INDArray y, int[] strides, long[] padBefore,
                long[] padAfter) {
            PrimitiveCache.Key key = CONFIGS.key().shapeOf(x).add(w.size(0)).add(w.size(1)).add(w.size(3))
                    .add(y.size(1)).add(y.size(2)).add(withBias ? 1 : 0).add(strides).add(padBefore).add(padAfter);
            Config known = CONFIGS.find(key);
            return known != null ? known : CONFIGS.put(key, OneDnn.configure("conv2d on input "
                    + Arrays.toString(x.shape()) + " with kernel " + Arrays.toString(w.shape()) + ", strides "
                    + Arrays.toString(strides) + ", padding " + Arrays.toString(padBefore) + " / "
                    + Arrays.toString(padAfter), () -> new Config(x, w, withBias, y, strides, padBefore, padAfter)));
        }

        @Override
        public void destroy() {
            for (Primitive p : new Primitive[] {forward, kernelToForward, data, kernelToBlocked, weights,
                blockedToKernel}) {
                if (p != null) {
                    p.destroy();
                }
            }
            for (BytePointer b : new BytePointer[] {forwardKernel, blockedKernel, blockedKernelGradient}) {
                if (b != null) {
                    b.close();
                }
            }
        }
    }
}

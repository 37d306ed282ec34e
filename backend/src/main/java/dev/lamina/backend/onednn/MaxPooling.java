package dev.lamina.backend.onednn;

import static dev.lamina.backend.onednn.OneDnn.check;
import static dev.lamina.backend.onednn.OneDnn.desc;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_max;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_workspace_md;

import dev.lamina.backend.ArrayArena;
import java.util.Arrays;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling for training through oneDNN, channels-last. The forward pass records in a workspace
 * which cell of each window won, and the backward pass sends each gradient to that cell, where
 * libnd4j's {@code maxpool2d_bp} runs the forward pass again and reorders to a blocked layout and
 * back. Padded cells never win, as in Keras.
 */
public final class MaxPooling {

    private static final PrimitiveCache<Pool> POOLS = new PrimitiveCache<>(32);

    private MaxPooling() {
    }

    /**
     * Pools {@code x} into {@code y} and returns the workspace recording the winners, for
     * {@link #backward}.
     *
     * @param x the {@code [N, H, W, C]} input
     * @param y the {@code [N, oH, oW, C]} output to write
     * @param window {@code {pH, pW}}
     * @param strides {@code {sH, sW}}
     * @param padBefore padded rows and columns before the input {@code {top, left}}
     * @param padAfter padded rows and columns after it {@code {bottom, right}}
     * @return the workspace, a byte array from the step's arena when one is active
     */
    public static INDArray forward(INDArray x, INDArray y, int[] window, int[] strides, long[] padBefore,
            long[] padAfter) {
        Pool p = Pool.of(x, y, window, strides, padBefore, padAfter);
        INDArray workspace = ArrayArena.uninitialized(DataType.UBYTE, p.workspaceBytes);
        p.forward.run(OneDnn.address(x), OneDnn.address(y), OneDnn.address(workspace));
        return workspace;
    }

    /**
     * The input gradient: each output gradient goes to its window's winner, the rest is zero.
     *
     * @param x the forward pass's input (for its shape)
     * @param dy the output gradient
     * @param workspace the workspace the forward pass filled
     * @param dx the input gradient to write
     * @param window {@code {pH, pW}}
     * @param strides {@code {sH, sW}}
     * @param padBefore {@code {top, left}}
     * @param padAfter {@code {bottom, right}}
     */
    public static void backward(INDArray x, INDArray dy, INDArray workspace, INDArray dx, int[] window,
            int[] strides, long[] padBefore, long[] padAfter) {
        Pool p = Pool.of(x, dy, window, strides, padBefore, padAfter);
        p.backward.run(OneDnn.address(dy), OneDnn.address(workspace), OneDnn.address(dx));
    }

    /** The forward and backward primitives of one configuration. */
    private static final class Pool implements PrimitiveCache.Entry {
        final Primitive forward;
        final Primitive backward;
        final long workspaceBytes;

        private Pool(INDArray x, INDArray y, int[] window, int[] strides, long[] padBefore,
                long[] padAfter) {
            long n = x.size(0);
            long c = x.size(3);
            dnnl_memory_desc_t src = desc(dnnl_nhwc, n, c, x.size(1), x.size(2));
            dnnl_memory_desc_t dst = desc(dnnl_nhwc, n, c, y.size(1), y.size(2));
            long[] s = {strides[0], strides[1]};
            long[] k = {window[0], window[1]};
            dnnl_pooling_desc_t fd = new dnnl_pooling_desc_t();
            check(dnnl_pooling_forward_desc_init(fd, dnnl_forward_training, dnnl_pooling_max, src, dst, s, k,
                    padBefore, padAfter), "max pooling forward descriptor");
            dnnl_primitive_desc fpd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(fpd, new const_dnnl_op_desc_t(fd), null, OneDnn.engine(), null),
                    "max pooling forward primitive descriptor");
            dnnl_memory_desc_t ws = dnnl_primitive_desc_query_md(fpd, dnnl_query_workspace_md, 0);
            this.workspaceBytes = dnnl_memory_desc_get_size(ws);
            String shape = Arrays.toString(x.shape());
            this.forward = new Primitive("max pooling forward " + shape, fpd,
                    new int[] {DNNL_ARG_SRC, DNNL_ARG_DST, DNNL_ARG_WORKSPACE},
                    new dnnl_memory_desc_t[] {src, dst, ws});
            dnnl_pooling_desc_t bd = new dnnl_pooling_desc_t();
            check(dnnl_pooling_backward_desc_init(bd, dnnl_pooling_max, src, dst, s, k, padBefore, padAfter),
                    "max pooling backward descriptor");
            dnnl_primitive_desc bpd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(bpd, new const_dnnl_op_desc_t(bd), null, OneDnn.engine(), fpd),
                    "max pooling backward primitive descriptor");
            this.backward = new Primitive("max pooling backward " + shape, bpd,
                    new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WORKSPACE, DNNL_ARG_DIFF_SRC},
                    new dnnl_memory_desc_t[] {dst, ws, src});
        }

        static Pool of(INDArray x, INDArray y, int[] window, int[] strides, long[] padBefore, long[] padAfter) {
            PrimitiveCache.Key key = POOLS.key().shapeOf(x).add(y.size(1)).add(y.size(2)).add(window).add(strides)
                    .add(padBefore).add(padAfter);
            Pool known = POOLS.find(key);
            return known != null ? known : POOLS.put(key, OneDnn.configure("max_pooling2d on input "
                    + Arrays.toString(x.shape()) + " with pool_size " + Arrays.toString(window) + ", strides "
                    + Arrays.toString(strides) + ", padding " + Arrays.toString(padBefore) + " / "
                    + Arrays.toString(padAfter), () -> new Pool(x, y, window, strides, padBefore, padAfter)));
        }

        @Override
        public void destroy() {
            forward.destroy();
            backward.destroy();
        }
    }
}

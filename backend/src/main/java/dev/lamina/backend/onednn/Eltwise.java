package dev.lamina.backend.onednn;

import static dev.lamina.backend.onednn.OneDnn.check;
import static dev.lamina.backend.onednn.OneDnn.desc;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_tanh_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of element-wise activations from their output, through oneDNN: one streaming
 * pass over {@code y} and {@code dy}. Lamina's ReLU backward took two passes (a sign into a mask,
 * then a product), and libnd4j's {@code tanh_bp} recomputes tanh from the input.
 */
public final class Eltwise {

    /** The activations whose derivative follows from their output. */
    public enum Activation {
        /** {@code dx = dy} where {@code y > 0}, else 0. */
        RELU(dnnl_eltwise_relu_use_dst_for_bwd),
        /** {@code dx = dy * (1 - y²)}. */
        TANH(dnnl_eltwise_tanh_use_dst_for_bwd);

        private final int algorithm;

        Activation(int algorithm) {
            this.algorithm = algorithm;
        }
    }

    private static final PrimitiveCache<Backward> BACKWARDS = new PrimitiveCache<>(32);

    private Eltwise() {
    }

    /**
     * Writes the input gradient of an activation.
     *
     * @param activation the activation
     * @param y the activation's output, row-major
     * @param dy the output gradient, row-major, same shape
     * @param dx the input gradient to write, row-major, same shape
     */
    public static void backward(Activation activation, INDArray y, INDArray dy, INDArray dx) {
        PrimitiveCache.Key key = BACKWARDS.key().add(activation.ordinal()).add(y.length());
        Backward b = BACKWARDS.find(key);
        if (b == null) {
            b = BACKWARDS.put(key, new Backward(activation, y.length()));
        }
        b.primitive.run(OneDnn.address(y), OneDnn.address(dy), OneDnn.address(dx));
    }

    /** The backward primitive of one activation and length (the layout is flat). */
    private static final class Backward implements PrimitiveCache.Entry {
        final Primitive primitive;
        private final dnnl_primitive_desc hint;

        Backward(Activation activation, long length) {
            dnnl_memory_desc_t data = desc(dnnl_a, length);
            dnnl_eltwise_desc_t fd = new dnnl_eltwise_desc_t();
            check(dnnl_eltwise_forward_desc_init(fd, dnnl_forward_training, activation.algorithm, data, 0f, 0f),
                    "eltwise forward descriptor");
            dnnl_primitive_desc hint = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(hint, new const_dnnl_op_desc_t(fd), null, OneDnn.engine(), null),
                    "eltwise forward primitive descriptor");
            dnnl_eltwise_desc_t bd = new dnnl_eltwise_desc_t();
            check(dnnl_eltwise_backward_desc_init(bd, activation.algorithm, data, data, 0f, 0f),
                    "eltwise backward descriptor");
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(bd), null, OneDnn.engine(), hint),
                    "eltwise backward primitive descriptor");
            // The backward descriptor may refer to its hint: it lives as long as the primitive.
            this.hint = hint;
            this.primitive = new Primitive(activation.name().toLowerCase(java.util.Locale.ROOT) + " backward ["
                    + length + "]", pd, new int[] {DNNL_ARG_DST, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC},
                    new dnnl_memory_desc_t[] {data, data, data});
        }

        @Override
        public void destroy() {
            primitive.destroy();
            dnnl_primitive_desc_destroy(hint);
        }
    }
}

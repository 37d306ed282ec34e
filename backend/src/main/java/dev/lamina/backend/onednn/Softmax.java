package dev.lamina.backend.onednn;

import static dev.lamina.backend.onednn.OneDnn.check;
import static dev.lamina.backend.onednn.OneDnn.desc;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ab;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_softmax_forward_desc_init;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_softmax_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax along the rows of a {@code [n, classes]} matrix through oneDNN's primitive, kept per
 * shape: on a batch's small {@code [64, 10]} output, called in a loop, it is faster than libnd4j's
 * {@code softmax}, which builds its oneDNN call anew each time (figures in docs/PERFORMANCE.md).
 */
public final class Softmax {

    private static final PrimitiveCache<Rows> ROWS = new PrimitiveCache<>(32);

    private Softmax() {
    }

    /**
     * Writes each row's softmax.
     *
     * @param x a row-major {@code [n, classes]} matrix
     * @param y the row-major result, same shape
     */
    public static void forward(INDArray x, INDArray y) {
        long n = x.size(0);
        long classes = x.size(1);
        PrimitiveCache.Key key = ROWS.key().add(n).add(classes);
        Rows r = ROWS.find(key);
        if (r == null) {
            r = ROWS.put(key, new Rows(n, classes));
        }
        r.primitive.run(OneDnn.address(x), OneDnn.address(y));
    }

    /** The primitive of one shape. */
    private static final class Rows implements PrimitiveCache.Entry {
        final Primitive primitive;

        Rows(long n, long classes) {
            dnnl_memory_desc_t data = desc(dnnl_ab, n, classes);
            dnnl_softmax_desc_t d = new dnnl_softmax_desc_t();
            check(dnnl_softmax_forward_desc_init(d, dnnl_forward_inference, data, 1), "softmax descriptor");
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(d), null, OneDnn.engine(), null),
                    "softmax primitive descriptor");
            this.primitive = new Primitive("softmax [" + n + ", " + classes + "]", pd,
                    new int[] {DNNL_ARG_SRC, DNNL_ARG_DST}, new dnnl_memory_desc_t[] {data, data});
        }

        @Override
        public void destroy() {
            primitive.destroy();
        }
    }
}

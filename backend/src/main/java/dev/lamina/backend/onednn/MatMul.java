package dev.lamina.backend.onednn;

import static dev.lamina.backend.onednn.OneDnn.check;
import static dev.lamina.backend.onednn.OneDnn.desc;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ab;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ba;
import static org.bytedeco.dnnl.global.dnnl.dnnl_matmul_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_matmul_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products through oneDNN's matmul primitive, kept per shape. libnd4j's {@code matmul} op
 * builds its oneDNN call anew each time, which for a dense layer's small products (a batch of 64
 * by 64 by 10) costs more than the product itself (figures in docs/PERFORMANCE.md).
 */
public final class MatMul {

    private static final PrimitiveCache<Product> PRODUCTS = new PrimitiveCache<>(32);

    private MatMul() {
    }

    /**
     * {@code out = op(x) · op(y)}, where op transposes when asked.
     *
     * @param x a row-major {@code [m, k]} matrix, or {@code [k, m]} when {@code transX}
     * @param y a row-major {@code [k, n]} matrix, or {@code [n, k]} when {@code transY}
     * @param transX whether to use {@code x}'s transpose
     * @param transY whether to use {@code y}'s transpose
     * @param out the row-major {@code [m, n]} result to write
     */
    public static void product(INDArray x, INDArray y, boolean transX, boolean transY, INDArray out) {
        long m = out.size(0);
        long n = out.size(1);
        long k = transX ? x.size(0) : x.size(1);
        PrimitiveCache.Key key = PRODUCTS.key().add(m).add(k).add(n).add(transX ? 1 : 0).add(transY ? 1 : 0);
        Product p = PRODUCTS.find(key);
        if (p == null) {
            p = PRODUCTS.put(key, new Product(m, k, n, transX, transY));
        }
        p.primitive.run(OneDnn.address(x), OneDnn.address(y), OneDnn.address(out));
    }

    /** The primitive of one shape and pair of transpositions. */
    private static final class Product implements PrimitiveCache.Entry {
        final Primitive primitive;

        Product(long m, long k, long n, boolean transX, boolean transY) {
            // A transposed operand is the row-major array read column-major: layout "ba".
            dnnl_memory_desc_t src = desc(transX ? dnnl_ba : dnnl_ab, m, k);
            dnnl_memory_desc_t weights = desc(transY ? dnnl_ba : dnnl_ab, k, n);
            dnnl_memory_desc_t dst = desc(dnnl_ab, m, n);
            dnnl_matmul_desc_t d = new dnnl_matmul_desc_t();
            check(dnnl_matmul_desc_init(d, src, weights, null, dst), "matmul descriptor");
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(d), null, OneDnn.engine(), null),
                    "matmul primitive descriptor");
            this.primitive = new Primitive("matmul [" + m + ", " + k + "] x [" + k + ", " + n + "]", pd,
                    new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST},
                    new dnnl_memory_desc_t[] {src, weights, dst});
        }

        @Override
        public void destroy() {
            primitive.destroy();
        }
    }
}

package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Matrix products of rank-2 arrays. */
public interface MatMulKernels {

    /**
     * Writes {@code op(a) · op(b)}, where op transposes when asked.
     *
     * @param a the left matrix
     * @param b the right matrix
     * @param transposeA whether to use {@code a}'s transpose
     * @param transposeB whether to use {@code b}'s transpose
     * @param out the product to write, shaped to fit
     */
    void matmul(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray out);
}

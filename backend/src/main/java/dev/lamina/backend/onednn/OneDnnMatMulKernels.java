package dev.lamina.backend.onednn;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.MatMulKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Matrix products through oneDNN's matmul primitive, cached per shape (CPU, float32). */
public final class OneDnnMatMulKernels implements MatMulKernels {

    /** The one instance. */
    public static final OneDnnMatMulKernels INSTANCE = new OneDnnMatMulKernels();

    private OneDnnMatMulKernels() {
    }

    @Override
    public void matmul(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray out) {
        MatMul.product(ArrayArena.rowMajor(a), ArrayArena.rowMajor(b), transposeA, transposeB, out);
    }
}

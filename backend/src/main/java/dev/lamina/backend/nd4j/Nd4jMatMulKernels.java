package dev.lamina.backend.nd4j;

import dev.lamina.backend.MatMulKernels;
import dev.lamina.backend.NativeOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products through libnd4j's {@code matmul} op, which runs on oneDNN where libnd4j was
 * built with it (faster than {@code INDArray.mmul}, which always goes to the BLAS library).
 */
public final class Nd4jMatMulKernels implements MatMulKernels {

    /** The one instance. */
    public static final Nd4jMatMulKernels INSTANCE = new Nd4jMatMulKernels();

    private static final NativeOp MATMUL = new NativeOp("matmul");
    private static final double[] ALPHA_BETA = {1.0, 0.0};
    /** matmul's integer arguments (transpose a, transpose b, transpose result), one per case. */
    private static final long[][] TRANSPOSES = {{0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 1, 0}};

    private Nd4jMatMulKernels() {
    }

    @Override
    public void matmul(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray out) {
        MATMUL.exec(a, b, out, TRANSPOSES[(transposeA ? 2 : 0) + (transposeB ? 1 : 0)], ALPHA_BETA);
    }
}

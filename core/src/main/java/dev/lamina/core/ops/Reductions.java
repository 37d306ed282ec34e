package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Constants;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fast forms of reductions that ND4J's generic ones compute slowly. */
final class Reductions {

    private Reductions() {
    }

    /**
     * Column sums of a {@code [rows, cols]} matrix as a {@code [cols]} vector: a ones-vector times
     * the matrix through oneDNN's matmul. ND4J's {@code sum(0)} walks one tensor-along-dimension
     * per column and measured many times slower on a conv layer's bias gradient.
     */
    static INDArray columnSums(INDArray m) {
        INDArray row = MatMulOp.product(Constants.onesRow(m.dataType(), m.size(0)), m, false, false);
        return ArrayArena.reshape(row, m.size(1));
    }
}

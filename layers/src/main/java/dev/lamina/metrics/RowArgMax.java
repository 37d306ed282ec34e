package dev.lamina.metrics;

import dev.lamina.core.ArrayArena;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Arg max along rows in Java, for the accuracies' per-step counting. */
final class RowArgMax {

    private RowArgMax() {
    }

    /**
     * The arg max along the last axis: the first largest value of each row, as TensorFlow's and
     * ND4J's arg max pick. An array that owns its buffer in row-major order is read in place (a
     * batch's copy into Java doubles was a fifth of a training step's Java garbage); any other is
     * copied row-major first.
     *
     * @param m a matrix, or a higher-rank array read as rows of its last axis
     * @return one column index per row
     */
    static int[] of(INDArray m) {
        INDArray owned = m.isView() || !ArrayArena.isRowMajor(m) ? m.dup('c') : m;
        int cols = (int) owned.size(owned.rank() - 1);
        DataBuffer data = owned.data();
        int rows = (int) (owned.length() / cols);
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            long base = (long) r * cols;
            int best = 0;
            double bestValue = data.getDouble(base);
            for (int j = 1; j < cols; j++) {
                double v = data.getDouble(base + j);
                if (v > bestValue) {
                    best = j;
                    bestValue = v;
                }
            }
            out[r] = best;
        }
        return out;
    }
}

package dev.lamina.metrics;

import dev.lamina.core.ArrayArena;
import dev.lamina.core.HostArrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Arg max along rows in Java, for the accuracies' per-step counting. */
final class RowArgMax {

    private RowArgMax() {
    }

    /**
     * The arg max of each row of a row-major {@code [rows, cols]} block: the first largest value,
     * as TensorFlow's and ND4J's arg max pick.
     *
     * @param values the block
     * @param cols the row length
     * @return one column index per row
     */
    /**
     * The column of each row's largest value in a matrix (or the last axis of a higher-rank
     * array), read in place when the array owns its buffer in row-major order: a batch's copy into
     * Java doubles was a fifth of a training step's Java garbage.
     */
    static int[] of(INDArray m) {
        int cols = (int) m.size(m.rank() - 1);
        if (m.isView() || !ArrayArena.isRowMajor(m)) {
            return of(HostArrays.doubles(m), cols);
        }
        DataBuffer data = m.data();
        int rows = (int) (m.length() / cols);
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

    static int[] of(double[] values, int cols) {
        int rows = values.length / cols;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (values[base + j] > values[base + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }
}

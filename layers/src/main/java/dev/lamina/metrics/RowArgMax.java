package dev.lamina.metrics;

import dev.lamina.backend.HostArrays;
import org.nd4j.linalg.api.buffer.DataBuffer;

/** Arg max along rows in Java, for the accuracies' per-step counting. */
final class RowArgMax {

    private RowArgMax() {
    }

    /**
     * The arg max of one row: the column of its first largest value, as TensorFlow's and ND4J's
     * arg max pick, read in place from the buffer of an array {@code HostArrays.rowMajorOwned}
     * returned (a batch's copy into Java arrays was a fifth of a training step's Java garbage).
     *
     * @param data the buffer
     * @param row the row
     * @param cols the row length
     * @return the column index
     */
    static int ofRow(DataBuffer data, long row, int cols) {
        long base = row * cols;
        int best = 0;
        double bestValue = data.getDouble(base);
        for (int j = 1; j < cols; j++) {
            double v = data.getDouble(base + j);
            if (v > bestValue) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }
}

package dev.lamina.metrics;

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

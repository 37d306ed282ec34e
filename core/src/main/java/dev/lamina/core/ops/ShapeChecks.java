package dev.lamina.core.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape helpers shared by the ops: formatting for error messages and argument checks. */
final class ShapeChecks {

    private ShapeChecks() {
    }

    static String str(long[] shape) {
        return Arrays.toString(shape);
    }

    static String str(INDArray a) {
        return Arrays.toString(a.shape());
    }

    static IllegalArgumentException error(String op, String message) {
        return new IllegalArgumentException(op + ": " + message);
    }

    static void requireRank(String op, String what, INDArray a, int rank) {
        if (a.rank() != rank) {
            throw error(op, what + " must have rank " + rank + ", got shape " + str(a));
        }
    }

    static int[] pair(String op, String what, int[] values) {
        if (values == null || values.length != 2) {
            throw error(op, what + " must have 2 entries (height, width), got " + Arrays.toString(values));
        }
        for (int v : values) {
            if (v <= 0) {
                throw error(op, what + " must be positive, got " + Arrays.toString(values));
            }
        }
        return values;
    }

    /** Every axis of ranks 0 to 8, shared (callers only read them). */
    private static final int[][] ALL_AXES = new int[9][];

    static {
        for (int rank = 0; rank < ALL_AXES.length; rank++) {
            ALL_AXES[rank] = new int[rank];
            for (int i = 0; i < rank; i++) {
                ALL_AXES[rank][i] = i;
            }
        }
    }

    /** Normalises negative axes and sorts them; the result is read only. */
    static int[] axes(String op, int rank, int[] axes) {
        if (axes == null || axes.length == 0) {
            if (rank < ALL_AXES.length) {
                return ALL_AXES[rank];
            }
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw error(op, "axis " + axes[i] + " is out of range for rank " + rank);
            }
            out[i] = a;
        }
        Arrays.sort(out);
        return out;
    }
}

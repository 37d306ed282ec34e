package dev.lamina.backend;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small arrays read into Java. A training step's labels and predictions are a few hundred
 * numbers: reading them once and working in Java replaces native calls (each a dispatch that
 * costs more than the arithmetic on so few numbers) and the fresh arrays they would return.
 */
public final class HostArrays {

    private HostArrays() {
    }

    /**
     * The elements in row-major order, as doubles.
     *
     * @param a any array
     * @return a new Java array of {@code a.length()} values
     * @throws IllegalArgumentException when the array has more elements than a Java array holds
     */
    public static double[] doubles(INDArray a) {
        if (a.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an array of shape " + Arrays.toString(a.shape())
                    + " is too large to read into Java");
        }
        INDArray owned = rowMajorOwned(a);
        return owned.data().getDoublesAt(0, (int) owned.length());
    }

    /**
     * The array itself when its row-major element {@code i} is its buffer's element {@code i} (an
     * array that owns its buffer, or a row-major view whose buffer is exactly its elements), so
     * that {@code data().getDouble(i)} reads it without allocating; else a row-major copy. Callers
     * only read the result: it may be the array itself.
     *
     * @param a any array
     * @return {@code a} or a copy
     */
    public static INDArray rowMajorOwned(INDArray a) {
        // A view's buffer starts at its own first element while offset() still counts from its
        // parent's: a row-major view whose buffer holds exactly its elements (a batch of rows
        // sliced from a data set) is read in place too; copying it was new garbage every batch.
        // The strides decide, not ordering(): ND4J marks a batch of an [N, 1] column 'f'.
        boolean inPlace = ArrayArena.isRowMajor(a) && (!a.isView() || a.data().length() == a.length());
        return inPlace ? a : a.dup('c');
    }

    /**
     * The row-major index of the array's first NaN or infinity, found in one Java pass (in place for
     * a whole float32 array on the CPU backend).
     *
     * @param a any array; integer arrays have none
     * @return the index, or -1 when every element is finite
     */
    public static long firstNonFinite(INDArray a) {
        if (!a.dataType().isFPType()) {
            return -1;
        }
        FloatBuffer floats = HostFloats.of(a);
        if (floats != null) {
            for (int i = 0, n = floats.limit(); i < n; i++) {
                if (!Float.isFinite(floats.get(i))) {
                    return i;
                }
            }
            return -1;
        }
        INDArray owned = rowMajorOwned(a);
        DataBuffer data = owned.data();
        for (long i = 0, n = owned.length(); i < n; i++) {
            if (!Double.isFinite(data.getDouble(i))) {
                return i;
            }
        }
        return -1;
    }
}

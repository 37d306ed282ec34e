package dev.lamina.layers;

import java.util.Arrays;
import java.util.StringJoiner;

/** Shape helpers for layers: Keras-style formatting with {@code None} for unknown sizes. */
public final class Shapes {

    /** The size of an unknown dimension (the batch) in a layer shape. */
    public static final long UNKNOWN = -1;

    private Shapes() {
    }

    /**
     * Keras' tuple form.
     *
     * @param shape a shape where -1 means unknown
     * @return e.g. {@code (None, 26, 26, 32)}
     */
    public static String format(long[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            j.add(d < 0 ? "None" : Long.toString(d));
        }
        return j.toString();
    }

    /**
     * A shape with an unknown batch dimension in front.
     *
     * @param dims the per-sample dimensions
     * @return {@code [-1, dims...]}
     */
    public static long[] withBatch(long... dims) {
        long[] s = new long[dims.length + 1];
        s[0] = UNKNOWN;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    /**
     * The same shape with the batch dimension unknown.
     *
     * @param shape a concrete shape
     * @return a copy with the first entry -1
     */
    public static long[] unknownBatch(long[] shape) {
        long[] s = shape.clone();
        if (s.length > 0) {
            s[0] = UNKNOWN;
        }
        return s;
    }

    /**
     * Whether a concrete shape fits an expected one, -1 matching anything.
     *
     * @param expected the expected shape
     * @param actual the actual shape
     * @return true when ranks agree and every known size matches
     */
    public static boolean compatible(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0 && actual[i] >= 0 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Product of the known sizes after the batch.
     *
     * @param shape a shape
     * @return the number of elements per sample
     */
    public static long perSample(long[] shape) {
        return Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b);
    }

    static long[] toLong(int[] dims) {
        return Arrays.stream(dims).asLongStream().toArray();
    }
}

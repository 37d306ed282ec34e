package dev.lamina.backend;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small constant arrays that native ops take as inputs (a scalar factor, a target shape), made
 * once per thread and value instead of once per call: each fresh array leaves Java garbage (an
 * array object and its shape information), and garbage is what grows the JVM's resident memory
 * over a long training. Callers must not write to them.
 */
public final class Constants {

    private static final int CACHE_SIZE = 64;
    /** The slots a row of ones may occupy, from its hash on. */
    private static final int WAYS = 4;

    private static final ThreadLocal<Constants> CACHES = ThreadLocal.withInitial(Constants::new);

    private final DataType[] scalarTypes = new DataType[CACHE_SIZE];
    private final double[] scalarValues = new double[CACHE_SIZE];
    private final INDArray[] scalars = new INDArray[CACHE_SIZE];
    private final long[][] shapeKeys = new long[CACHE_SIZE][];
    private final INDArray[] shapes = new INDArray[CACHE_SIZE];
    private final INDArray[] onesRows = new INDArray[CACHE_SIZE];
    /** Which slot of a full neighbourhood the next row of ones takes. */
    private int onesTurn;

    private Constants() {
    }

    /**
     * A rank-0 array holding a value.
     *
     * @param type the data type
     * @param value the value
     * @return a shared, read-only scalar
     */
    public static INDArray scalar(DataType type, double value) {
        Constants c = CACHES.get();
        long bits = Double.doubleToLongBits(value);
        // Round numbers (1.0, 0.0, 1/64) differ only in their high bits: multiply them down.
        int slot = (int) (((bits + type.ordinal()) * 0x9E3779B97F4A7C15L) >>> 58);
        INDArray s = c.scalars[slot];
        if (s == null || c.scalarTypes[slot] != type || Double.doubleToLongBits(c.scalarValues[slot]) != bits) {
            s = Nd4j.scalar(type, value);
            c.scalars[slot] = s;
            c.scalarTypes[slot] = type;
            c.scalarValues[slot] = value;
        }
        return s;
    }

    /**
     * A shape as a {@code long} vector (the form {@code broadcast_to} takes it in).
     *
     * @param shape the shape
     * @return a shared, read-only vector
     */
    public static INDArray shape(long[] shape) {
        Constants c = CACHES.get();
        int slot = Arrays.hashCode(shape) & (CACHE_SIZE - 1);
        INDArray s = c.shapes[slot];
        if (s == null || !Arrays.equals(c.shapeKeys[slot], shape)) {
            s = Nd4j.createFromArray(shape);
            c.shapes[slot] = s;
            c.shapeKeys[slot] = shape.clone();
        }
        return s;
    }

    /**
     * A {@code [1, n]} row of ones (filling one every step would cost a native call).
     *
     * @param type the data type
     * @param n the length
     * @return a shared, read-only row
     */
    public static INDArray onesRow(DataType type, long n) {
        Constants c = CACHES.get();
        // Row lengths are batch x pixels, often multiples of 64: mix the bits before taking a slot,
        // and let a length sit in any of a few slots (the Sign-MNIST CNN's three batch-normalised
        // layers' lengths shared one slot and made a new row every call).
        int home = (int) (((n + type.ordinal() * 0x1_0000_0000L) * 0x9E3779B97F4A7C15L) >>> 58);
        int free = -1;
        for (int i = 0; i < WAYS; i++) {
            int slot = (home + i) & (CACHE_SIZE - 1);
            INDArray row = c.onesRows[slot];
            if (row == null) {
                free = free < 0 ? slot : free;
            } else if (row.dataType() == type && row.size(1) == n) {
                return row;
            }
        }
        INDArray row = Nd4j.ones(type, 1, n);
        c.onesRows[free >= 0 ? free : (home + c.onesTurn++ % WAYS) & (CACHE_SIZE - 1)] = row;
        return row;
    }
}

package dev.lamina.initializers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Shared machinery of the random initializers: shape checks and seeded filling of Java arrays. */
final class Sampling {

    /** Values drawn between two writes into the array. */
    private static final int CHUNK = 16384;

    /** Keras' truncation bound, in standard deviations. */
    static final double TRUNCATION = 2.0;

    private Sampling() {
    }

    /**
     * Draws one value per element from {@code sampler} and returns them as an array.
     *
     * <p>Values are drawn in double precision whatever the data type, so a FLOAT draw is the DOUBLE
     * draw of the same seed rounded to float.
     */
    static INDArray sample(long[] shape, DataType dtype, long seed,
                           ToDoubleFunction<SplittableRandom> sampler) {
        Objects.requireNonNull(dtype, "dtype");
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException(
                    "Random initializers support FLOAT and DOUBLE, not " + dtype);
        }
        int length = length(shape);
        long[] dims = shape.clone();
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray out = Nd4j.createUninitialized(dtype, dims);
        if (length == 0) {
            return out;
        }
        // Drawn straight into the array's own memory: a Java array of the whole tensor, then
        // copied, was garbage the size of the model's weights (ResNet50: 94 MB), and even a reused
        // chunk per call was most of the Java garbage of building a small model, garbage that
        // makes the JVM's heap touch more memory for the rest of the program.
        if (!Nd4j.getEnvironment().isCPU()) {
            fillThroughChunks(out, length, dtype, rng, sampler);
        } else if (dtype == DataType.FLOAT) {
            FloatBuffer target = out.data().asNioFloat();
            for (int i = 0; i < length; i++) {
                target.put(i, (float) sampler.applyAsDouble(rng));
            }
        } else {
            DoubleBuffer target = out.data().asNioDouble();
            for (int i = 0; i < length; i++) {
                target.put(i, sampler.applyAsDouble(rng));
            }
        }
        return out;
    }

    /** Device memory (CUDA): through ND4J, a chunk at a time, in the order the CPU path draws. */
    private static void fillThroughChunks(INDArray out, int length, DataType dtype, SplittableRandom rng,
                                          ToDoubleFunction<SplittableRandom> sampler) {
        INDArray flat = out.reshape(out.length());
        double[] chunk = new double[Math.min(length, CHUNK)];
        for (int start = 0; start < length; start += chunk.length) {
            int n = Math.min(chunk.length, length - start);
            for (int i = 0; i < n; i++) {
                double v = sampler.applyAsDouble(rng);
                chunk[i] = dtype == DataType.FLOAT ? (float) v : v;
            }
            flat.get(NDArrayIndex.interval(start, start + n))
                    .assign(Nd4j.createFromArray(Arrays.copyOf(chunk, n)).castTo(dtype));
        }
    }

    /** A standard normal value truncated to ±{@link #TRUNCATION}, resampled as TensorFlow does. */
    static double truncatedGaussian(SplittableRandom rng) {
        double z;
        do {
            z = rng.nextGaussian();
        } while (Math.abs(z) > TRUNCATION);
        return z;
    }

    /** A uniform value in {@code [min, max)} (up to rounding); {@code min} when both are equal. */
    static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    /** The element count of {@code shape}, which Java arrays limit to an int. */
    static int length(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        checkShape(shape);
        long length = 1;
        for (long d : shape) {
            try {
                length = Math.multiplyExact(length, d);
            } catch (ArithmeticException e) {
                length = Long.MAX_VALUE;
            }
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Shape " + Arrays.toString(shape) + " has more than " + Integer.MAX_VALUE
                            + " elements");
        }
        return (int) length;
    }

    /** Rejects data types that cannot hold a number, such as BOOL and UTF8. */
    static void checkNumerical(DataType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isNumerical()) {
            throw new IllegalArgumentException(
                    "Initializers need a numerical data type, not " + dtype);
        }
    }

    /** Rejects negative dimensions, which ND4J would only report later and less clearly. */
    static void checkShape(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "Shape " + Arrays.toString(shape) + " has a negative dimension");
            }
        }
    }
}

package dev.lamina.initializers;

import java.util.Objects;

/**
 * The fan-in and fan-out of a weight shape, computed as Keras' {@code compute_fans} does.
 *
 * <p>Rank 0: both 1. Rank 1: both {@code shape[0]}. Rank 2: {@code shape[0]} and {@code shape[1]}.
 * Higher ranks are convolution kernels laid out as {@code [spatial..., in, out]}: the product of
 * the spatial dimensions (the receptive field) multiplies {@code shape[-2]} and {@code shape[-1]}.
 *
 * @param fanIn the number of inputs that feed one output unit
 * @param fanOut the number of outputs that one input unit feeds
 */
public record Fans(long fanIn, long fanOut) {

    /**
     * Computes the fans of a weight shape.
     *
     * @param shape the weight's shape
     * @return its fans
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Fans of(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        Sampling.checkShape(shape);
        int rank = shape.length;
        if (rank == 0) {
            // Keras gives constants fans of 1 so that scaling by them is a no-op.
            return new Fans(1, 1);
        }
        if (rank == 1) {
            return new Fans(shape[0], shape[0]);
        }
        if (rank == 2) {
            return new Fans(shape[0], shape[1]);
        }
        long receptiveField = 1;
        for (int i = 0; i < rank - 2; i++) {
            receptiveField = Math.multiplyExact(receptiveField, shape[i]);
        }
        return new Fans(
                Math.multiplyExact(shape[rank - 2], receptiveField),
                Math.multiplyExact(shape[rank - 1], receptiveField));
    }
}

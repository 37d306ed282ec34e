package dev.lamina.optim;

import java.nio.Buffer;

/**
 * A block of consecutive elements of one array (or a temporary) in an {@link ElementwiseOptimizer}'s
 * update, in the precision of the variable being updated: float32 for {@code FLOAT} variables,
 * float64 otherwise. Every operation works element by element and in place, so a formula written
 * with lanes states each element's arithmetic once, in order, for both precisions; in float32 each
 * operation is the float32 operation itself.
 */
public abstract class Lane {

    /** How many elements of the block are in use. */
    int length;

    Lane() {
    }

    /**
     * @param x a lane of the same update
     * @return this lane, now holding {@code x}'s values
     */
    public abstract Lane assign(Lane x);

    /**
     * @param x a lane of the same update
     * @return this lane, {@code this + x}
     */
    public abstract Lane add(Lane x);

    /**
     * @param x a lane of the same update
     * @return this lane, {@code this - x}
     */
    public abstract Lane sub(Lane x);

    /**
     * @param x a lane of the same update
     * @return this lane, {@code this * x}
     */
    public abstract Lane mul(Lane x);

    /**
     * @param x a lane of the same update
     * @return this lane, {@code this / x}
     */
    public abstract Lane div(Lane x);

    /**
     * @param x a lane of the same update
     * @return this lane, the larger of {@code this} and {@code x}
     */
    public abstract Lane max(Lane x);

    /**
     * @param s a scalar, rounded once to the lane's precision
     * @return this lane, {@code this + s}
     */
    public abstract Lane add(double s);

    /**
     * @param s a scalar, rounded once to the lane's precision
     * @return this lane, {@code this * s}
     */
    public abstract Lane mul(double s);

    /** @return this lane, its square root */
    public abstract Lane sqrt();

    /**
     * Reads the block starting at {@code offset}.
     *
     * @param from a buffer of this lane's precision
     * @param offset the block's first element
     */
    abstract void load(Buffer from, int offset);

    /**
     * Writes the block back at {@code offset}.
     *
     * @param to a buffer of this lane's precision
     * @param offset the block's first element
     */
    abstract void store(Buffer to, int offset);
}

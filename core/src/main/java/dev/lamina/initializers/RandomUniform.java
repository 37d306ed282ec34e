package dev.lamina.initializers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code RandomUniform}: a uniform distribution on {@code [minval, maxval)}, by default
 * {@code [-0.05, 0.05)}.
 */
public final class RandomUniform implements Initializer {

    private double minval = -0.05;
    private double maxval = 0.05;

    /** Creates the initializer with Keras' defaults, minval -0.05 and maxval 0.05. */
    public RandomUniform() {
    }

    /**
     * Sets the lower bound.
     *
     * @param minval a finite value
     * @return this initializer
     * @throws IllegalArgumentException if the value is not finite
     */
    public RandomUniform minval(double minval) {
        this.minval = finite("minval", minval);
        return this;
    }

    /**
     * Sets the upper bound.
     *
     * @param maxval a finite value
     * @return this initializer
     * @throws IllegalArgumentException if the value is not finite
     */
    public RandomUniform maxval(double maxval) {
        this.maxval = finite("maxval", maxval);
        return this;
    }

    /**
     * The lower bound.
     *
     * @return the smallest value drawn
     */
    public double minval() {
        return minval;
    }

    /**
     * The upper bound.
     *
     * @return the bound no value reaches
     */
    public double maxval() {
        return maxval;
    }

    /**
     * Draws uniformly from {@code [minval, maxval)}.
     *
     * @param shape the weight's shape
     * @param dtype FLOAT or DOUBLE
     * @param seed the seed of the draw
     * @return a new array of that shape and data type
     * @throws IllegalArgumentException for another data type, an invalid shape, or
     *     {@code minval > maxval}
     */
    @Override
    public INDArray initialize(long[] shape, DataType dtype, long seed) {
        double lo = minval;
        double hi = maxval;
        // Checked here rather than in the setters, so that the bounds can be set in either order.
        if (lo > hi) {
            throw new IllegalArgumentException(
                    "minval " + lo + " is greater than maxval " + hi);
        }
        return Sampling.sample(shape, dtype, seed, rng -> Sampling.uniform(rng, lo, hi));
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "random_uniform"}
     */
    @Override
    public String name() {
        return "random_uniform";
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code minval} and {@code maxval}
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("minval", minval);
        config.put("maxval", maxval);
        return Collections.unmodifiableMap(config);
    }

    /**
     * A readable form: the name and the configuration.
     *
     * @return for example {@code random_uniform{minval=-0.05, maxval=0.05}}
     */
    @Override
    public String toString() {
        return name() + getConfig();
    }

    private static double finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
        return value;
    }
}

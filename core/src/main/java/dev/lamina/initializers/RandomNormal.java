package dev.lamina.initializers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code RandomNormal}: a plain (not truncated) normal distribution, by default with
 * {@code mean = 0} and {@code stddev = 0.05}.
 */
public final class RandomNormal implements Initializer {

    private double mean = 0.0;
    private double stddev = 0.05;

    /** Creates the initializer with Keras' defaults, mean 0 and standard deviation 0.05. */
    public RandomNormal() {
    }

    /**
     * Sets the mean.
     *
     * @param mean any finite value
     * @return this initializer
     * @throws IllegalArgumentException if the mean is not finite
     */
    public RandomNormal mean(double mean) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        this.mean = mean;
        return this;
    }

    /**
     * Sets the standard deviation.
     *
     * @param stddev a finite value, zero or more
     * @return this initializer
     * @throws IllegalArgumentException if the standard deviation is negative or not finite
     */
    public RandomNormal stddev(double stddev) {
        if (!(stddev >= 0.0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException(
                    "stddev must be finite and not negative, got " + stddev);
        }
        this.stddev = stddev;
        return this;
    }

    /**
     * The mean.
     *
     * @return the mean of the distribution
     */
    public double mean() {
        return mean;
    }

    /**
     * The standard deviation.
     *
     * @return the standard deviation of the distribution
     */
    public double stddev() {
        return stddev;
    }

    /**
     * Draws {@code mean + stddev * z} with z standard normal.
     *
     * @param shape the weight's shape
     * @param dtype FLOAT or DOUBLE
     * @param seed the seed of the draw
     * @return a new array of that shape and data type
     * @throws IllegalArgumentException for another data type or an invalid shape
     */
    @Override
    public INDArray initialize(long[] shape, DataType dtype, long seed) {
        // Copies, so that a setter called later cannot change a draw already under way.
        double m = mean;
        double s = stddev;
        return Sampling.sample(shape, dtype, seed, rng -> m + s * rng.nextGaussian());
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "random_normal"}
     */
    @Override
    public String name() {
        return "random_normal";
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code mean} and {@code stddev}
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mean", mean);
        config.put("stddev", stddev);
        return Collections.unmodifiableMap(config);
    }

    /**
     * A readable form: the name and the configuration.
     *
     * @return for example {@code random_normal{mean=0.0, stddev=0.05}}
     */
    @Override
    public String toString() {
        return name() + getConfig();
    }
}

package dev.lamina.initializers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code VarianceScaling}: draws values whose variance is {@code scale / n}, where n is
 * the fan-in, the fan-out or their mean (see {@link Fans}).
 *
 * <p>With {@code scale' = scale / max(1, n)}: a truncated normal uses
 * {@code stddev = sqrt(scale') / 0.87962566103423978}, truncated at two standard deviations, so
 * that the truncated draw still has variance {@code scale'}; an untruncated normal uses
 * {@code stddev = sqrt(scale')}; a uniform draws from {@code [-limit, limit]} with
 * {@code limit = sqrt(3 * scale')}. The Glorot, He and LeCun initializers are fixed choices of
 * these parameters.
 */
public class VarianceScaling implements Initializer {

    /**
     * The standard deviation of a standard normal truncated to ±2, by which Keras divides so that
     * the truncated draw keeps the target variance.
     */
    public static final double TRUNCATED_STDDEV_CORRECTION = 0.87962566103423978;

    /** Which fan divides the scale. */
    public enum Mode {
        /** Divide by the fan-in (Keras {@code "fan_in"}). */
        FAN_IN("fan_in"),
        /** Divide by the fan-out (Keras {@code "fan_out"}). */
        FAN_OUT("fan_out"),
        /** Divide by the mean of fan-in and fan-out (Keras {@code "fan_avg"}). */
        FAN_AVG("fan_avg");

        private final String kerasName;

        Mode(String kerasName) {
            this.kerasName = kerasName;
        }

        /**
         * The Keras spelling of this mode.
         *
         * @return for example {@code "fan_in"}
         */
        public String kerasName() {
            return kerasName;
        }

        /**
         * Parses Keras' spelling of a mode, ignoring case.
         *
         * @param name {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}
         * @return the mode
         * @throws IllegalArgumentException for any other name
         */
        public static Mode fromKerasName(String name) {
            Objects.requireNonNull(name, "mode");
            for (Mode m : values()) {
                if (m.kerasName.equalsIgnoreCase(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    "Invalid mode \"" + name + "\". Valid modes: fan_in, fan_out, fan_avg");
        }
    }

    /** The distribution the values are drawn from. */
    public enum Distribution {
        /** Normal truncated at two standard deviations (Keras {@code "truncated_normal"}). */
        TRUNCATED_NORMAL("truncated_normal"),
        /** Plain normal (Keras {@code "untruncated_normal"}). */
        UNTRUNCATED_NORMAL("untruncated_normal"),
        /** Uniform on a symmetric interval (Keras {@code "uniform"}). */
        UNIFORM("uniform");

        private final String kerasName;

        Distribution(String kerasName) {
            this.kerasName = kerasName;
        }

        /**
         * The Keras spelling of this distribution.
         *
         * @return for example {@code "truncated_normal"}
         */
        public String kerasName() {
            return kerasName;
        }

        /**
         * Parses Keras' spelling of a distribution, ignoring case; {@code "normal"} means
         * {@link #TRUNCATED_NORMAL}, as in Keras.
         *
         * @param name {@code "truncated_normal"}, {@code "untruncated_normal"}, {@code "uniform"}
         *     or {@code "normal"}
         * @return the distribution
         * @throws IllegalArgumentException for any other name
         */
        public static Distribution fromKerasName(String name) {
            Objects.requireNonNull(name, "distribution");
            if ("normal".equalsIgnoreCase(name)) {
                return TRUNCATED_NORMAL;
            }
            for (Distribution d : values()) {
                if (d.kerasName.equalsIgnoreCase(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("Invalid distribution \"" + name
                    + "\". Valid distributions: truncated_normal, untruncated_normal, uniform");
        }
    }

    private final double scale;
    private final Mode mode;
    private final Distribution distribution;

    /** Keras' defaults: scale 1, fan_in, truncated_normal (the same as LeCun normal). */
    public VarianceScaling() {
        this(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /**
     * A variance-scaling initializer.
     *
     * @param scale the target variance times n; must be positive and finite
     * @param mode which fan is n
     * @param distribution the distribution to draw from
     * @throws IllegalArgumentException if scale is not positive and finite
     */
    public VarianceScaling(double scale, Mode mode, Distribution distribution) {
        if (!(scale > 0.0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(
                    "scale must be positive and finite, got " + scale);
        }
        this.scale = scale;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.distribution = Objects.requireNonNull(distribution, "distribution");
    }

    /**
     * A variance-scaling initializer with Keras' spelling of mode and distribution.
     *
     * @param scale the target variance times n; must be positive and finite
     * @param mode {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}
     * @param distribution {@code "truncated_normal"}, {@code "untruncated_normal"},
     *     {@code "uniform"} or {@code "normal"} (truncated)
     * @throws IllegalArgumentException if an argument is not valid
     */
    public VarianceScaling(double scale, String mode, String distribution) {
        this(scale, Mode.fromKerasName(mode), Distribution.fromKerasName(distribution));
    }

    /**
     * The scale.
     *
     * @return the scale before division by n
     */
    public double scale() {
        return scale;
    }

    /**
     * The mode.
     *
     * @return which fan divides the scale
     */
    public Mode mode() {
        return mode;
    }

    /**
     * The distribution.
     *
     * @return the distribution values are drawn from
     */
    public Distribution distribution() {
        return distribution;
    }

    /**
     * The variance the draw targets for a shape: {@code scale / max(1, n)}.
     *
     * @param shape the weight's shape
     * @return the target variance
     */
    public double targetVariance(long[] shape) {
        Fans fans = Fans.of(shape);
        double n = switch (mode) {
            case FAN_IN -> fans.fanIn();
            case FAN_OUT -> fans.fanOut();
            case FAN_AVG -> (fans.fanIn() + fans.fanOut()) / 2.0;
        };
        // Keras clamps n at 1 so that empty or degenerate shapes do not blow the scale up.
        return scale / Math.max(1.0, n);
    }

    /**
     * Draws from the configured distribution with variance {@link #targetVariance(long[])}.
     *
     * @param shape the weight's shape
     * @param dtype FLOAT or DOUBLE
     * @param seed the seed of the draw
     * @return a new array of that shape and data type
     * @throws IllegalArgumentException for another data type or an invalid shape
     */
    @Override
    public INDArray initialize(long[] shape, DataType dtype, long seed) {
        double variance = targetVariance(shape);
        return switch (distribution) {
            case TRUNCATED_NORMAL -> {
                double stddev = Math.sqrt(variance) / TRUNCATED_STDDEV_CORRECTION;
                yield Sampling.sample(shape, dtype, seed,
                        rng -> stddev * Sampling.truncatedGaussian(rng));
            }
            case UNTRUNCATED_NORMAL -> {
                double stddev = Math.sqrt(variance);
                yield Sampling.sample(shape, dtype, seed, rng -> stddev * rng.nextGaussian());
            }
            case UNIFORM -> {
                double limit = Math.sqrt(3.0 * variance);
                yield Sampling.sample(shape, dtype, seed,
                        rng -> Sampling.uniform(rng, -limit, limit));
            }
        };
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "variance_scaling"}
     */
    @Override
    public String name() {
        return "variance_scaling";
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code scale}, {@code mode} and {@code distribution}, as Keras names them
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scale", scale);
        config.put("mode", mode.kerasName());
        config.put("distribution", distribution.kerasName());
        return Collections.unmodifiableMap(config);
    }

    /**
     * A readable form: the name and the configuration.
     *
     * @return for example {@code glorot_uniform{}}
     */
    @Override
    public String toString() {
        return name() + getConfig();
    }
}

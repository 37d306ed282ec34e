package dev.lamina.layers;

import dev.lamina.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' ReLU layer: {@code max(x, 0)} by default; with {@code maxValue} the output saturates there,
 * with {@code threshold} values at or below it are damped, and with {@code negativeSlope} they are
 * scaled by it: {@code f(x) = max_value} for {@code x >= max_value}, {@code x} for
 * {@code threshold < x < max_value}, {@code negative_slope * (x - threshold)} otherwise.
 *
 * <pre>{@code new ReLU().maxValue(6.0)   // ReLU6}</pre>
 */
public class ReLU extends FluentLayer<ReLU> {

    private Double maxValue;
    private double negativeSlope;
    private double threshold;

    /** A plain rectifier: no maximum, slope 0 below a threshold of 0. */
    public ReLU() {
    }

    /**
     * The saturation value (Keras' {@code max_value}, default none).
     *
     * @param maxValue a non-negative value, or {@code null} for none
     * @return this layer
     * @throws IllegalArgumentException for a negative or non-finite value
     */
    public ReLU maxValue(Double maxValue) {
        if (maxValue != null && !(maxValue >= 0 && Double.isFinite(maxValue))) {
            throw new IllegalArgumentException("max_value of a ReLU layer cannot be negative. Received: max_value="
                    + maxValue);
        }
        this.maxValue = maxValue;
        return this;
    }

    /**
     * The slope below the threshold (Keras' {@code negative_slope}, default 0).
     *
     * @param negativeSlope a non-negative slope
     * @return this layer
     * @throws IllegalArgumentException for a negative or non-finite slope
     */
    public ReLU negativeSlope(double negativeSlope) {
        if (!(negativeSlope >= 0 && Double.isFinite(negativeSlope))) {
            throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be negative. Received: "
                    + "negative_slope=" + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        return this;
    }

    /**
     * The threshold below which values are damped (Keras' {@code threshold}, default 0).
     *
     * @param threshold a finite value
     * @return this layer
     * @throws IllegalArgumentException for a non-finite threshold
     */
    public ReLU threshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold of a ReLU layer must be finite. Received: threshold="
                    + threshold);
        }
        this.threshold = threshold;
        return this;
    }

    /** @return the saturation value, or {@code null} for none */
    public Double maxValue() {
        return maxValue;
    }

    /** @return the slope below the threshold */
    public double negativeSlope() {
        return negativeSlope;
    }

    /** @return the threshold */
    public double threshold() {
        return threshold;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        return in.clone();
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return RectifiedOp.apply(input, negativeSlope, maxValue, threshold);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config.
     *
     * @param config a Keras-style config; absent entries take Keras' defaults
     * @return the layer
     * @throws IllegalArgumentException for an invalid value
     */
    public static ReLU fromConfig(Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>(config);
        Object max = c.get("max_value");
        ReLU l = new ReLU().maxValue(max instanceof Number n ? n.doubleValue() : null)
                .negativeSlope(Args.number(c, "negative_slope", 0))
                .threshold(Args.number(c, "threshold", 0));
        l.configureFrom(c);
        return l;
    }
}

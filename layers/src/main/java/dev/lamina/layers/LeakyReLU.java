package dev.lamina.layers;

import dev.lamina.core.Tensor;
import java.util.Map;

/**
 * Keras' LeakyReLU layer: {@code x} for {@code x > 0}, {@code negative_slope * x} otherwise
 * (Keras 3's {@code negative_slope}, Keras 2's {@code alpha}; default 0.3).
 *
 * <pre>{@code new LeakyReLU().negativeSlope(0.1)}</pre>
 */
public class LeakyReLU extends FluentLayer<LeakyReLU> {

    private double negativeSlope = 0.3;

    /** A leaky rectifier with Keras' default slope 0.3. */
    public LeakyReLU() {
    }

    /**
     * The slope below 0 (default 0.3).
     *
     * @param negativeSlope a non-negative slope
     * @return this layer
     * @throws IllegalArgumentException for a negative or non-finite slope
     */
    public LeakyReLU negativeSlope(double negativeSlope) {
        if (!(negativeSlope >= 0 && Double.isFinite(negativeSlope))) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or "
                    + "negative. Received: negative_slope=" + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        return this;
    }

    /**
     * Keras 2's name of {@link #negativeSlope(double)}.
     *
     * @param alpha a non-negative slope
     * @return this layer
     * @throws IllegalArgumentException for a negative or non-finite slope
     */
    public LeakyReLU alpha(double alpha) {
        return negativeSlope(alpha);
    }

    /** @return the slope below 0 */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        return in.clone();
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return RectifiedOp.apply(input, negativeSlope, null, 0);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("negative_slope", negativeSlope);
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()} or a Keras config ({@code negative_slope}, or
     * Keras 2's {@code alpha}).
     *
     * @param config a Keras-style config; an absent slope is 0.3
     * @return the layer
     * @throws IllegalArgumentException for an invalid slope
     */
    public static LeakyReLU fromConfig(Map<String, Object> config) {
        double slope = config.containsKey("negative_slope") ? Args.number(config, "negative_slope", 0.3)
                : Args.number(config, "alpha", 0.3);
        LeakyReLU l = new LeakyReLU().negativeSlope(slope);
        l.configureFrom(config);
        return l;
    }
}

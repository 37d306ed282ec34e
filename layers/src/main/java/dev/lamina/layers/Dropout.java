package dev.lamina.layers;

import dev.lamina.core.Seeds;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.DropoutOp;
import java.util.Map;

/**
 * Keras' Dropout: in training, zeroes each input with probability {@code rate} and scales the rest
 * by {@code 1 / (1 - rate)}; the identity in inference. Masks derive from the global seed (or
 * {@link #seed(long)}), the layer and the training step.
 */
public class Dropout extends Layer {

    private final double rate;
    private Long seed;

    /**
     * @param rate the fraction to drop, in [0, 1)
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument rate of Dropout: expected a float "
                    + "value in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /**
     * A fixed seed for this layer's masks.
     *
     * @param seed the seed
     * @return this layer
     */
    public Dropout seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** @return the drop rate */
    public double rate() {
        return rate;
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        return in.clone();
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        if (!training) {
            return input;
        }
        long[] at = TrainingStep.next();
        long s = seed != null ? Seeds.derive(seed, "dropout", at[0], at[1]) : drawSeed("dropout", at[0], at[1]);
        return DropoutOp.apply(input, rate, s, true);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        if (seed != null) {
            c.put("seed", seed);
        }
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Dropout fromConfig(Map<String, Object> config) {
        Dropout l = new Dropout(Args.number(config, "rate", 0.5));
        if (config.get("seed") instanceof Number n) {
            l.seed(n.longValue());
        }
        l.configureFrom(config);
        return l;
    }
}

package dev.lamina.layers;

import dev.lamina.core.SeedGenerator;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.DropoutOp;
import java.util.Map;

/**
 * Keras' Dropout: in training, zeroes each input with probability {@code rate} and scales the rest
 * by {@code 1 / (1 - rate)}; the identity in inference. Each training call draws its mask from the
 * layer's {@link SeedGenerator}, seeded by {@link #seed(long)} or else by the global seed and the
 * layer; the generator's position is saved with the model ({@link #randomState()}).
 */
public class Dropout extends FluentLayer<Dropout> {

    private final double rate;
    private Long seed;
    private SeedGenerator generator;

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
        this.generator = null;
        return this;
    }

    /**
     * The generator of this layer's masks, made at the first draw so that it follows a
     * {@code Lamina.setSeed} made after the layer.
     *
     * @return the generator
     */
    public SeedGenerator seedGenerator() {
        if (generator == null) {
            generator = new SeedGenerator(seed != null ? seed : drawSeed("dropout"));
        }
        return generator;
    }

    @Override
    public long[] randomState() {
        return generator == null ? null : new long[] {generator.seed(), generator.counter()};
    }

    @Override
    public void randomState(long[] state) {
        if (state == null || state.length != 2) {
            throw new IllegalArgumentException("Layer \"" + name() + "\": a random state is {seed, counter}. Received: "
                    + java.util.Arrays.toString(state));
        }
        generator = new SeedGenerator(state[0], state[1]);
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
        return DropoutOp.apply(input, rate, seedGenerator().next(), true);
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

package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code HeNormal}: a normal truncated at two standard deviations whose variance after
 * truncation is {@code 2 / fan_in}, that is {@code VarianceScaling(2, fan_in, truncated_normal)}.
 *
 * <p>Meant for ReLU layers: ReLU zeroes half of its inputs, and the factor 2 keeps the
 * activations' variance from shrinking layer after layer.
 */
public final class HeNormal extends VarianceScaling {

    /** Creates the initializer; it has no parameters. */
    public HeNormal() {
        super(2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "he_normal"}
     */
    @Override
    public String name() {
        return "he_normal";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' config of HeNormal holds only the seed
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

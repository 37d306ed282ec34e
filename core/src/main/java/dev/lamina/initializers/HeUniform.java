package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code HeUniform}: uniform on {@code [-limit, limit]} with
 * {@code limit = sqrt(6 / fan_in)}, that is {@code VarianceScaling(2, fan_in, uniform)}.
 *
 * <p>Meant for ReLU layers: ReLU zeroes half of its inputs, and the factor 2 keeps the
 * activations' variance from shrinking layer after layer.
 */
public final class HeUniform extends VarianceScaling {

    /** Creates the initializer; it has no parameters. */
    public HeUniform() {
        super(2.0, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "he_uniform"}
     */
    @Override
    public String name() {
        return "he_uniform";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' config of HeUniform holds only the seed
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

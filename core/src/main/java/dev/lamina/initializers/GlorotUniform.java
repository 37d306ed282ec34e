package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code GlorotUniform} (Xavier uniform): uniform on {@code [-limit, limit]} with
 * {@code limit = sqrt(6 / (fan_in + fan_out))}, that is
 * {@code VarianceScaling(1, fan_avg, uniform)}.
 *
 * <p>The default kernel initializer of Keras' Dense and Conv layers.
 */
public final class GlorotUniform extends VarianceScaling {

    /** Creates the initializer; it has no parameters. */
    public GlorotUniform() {
        super(1.0, Mode.FAN_AVG, Distribution.UNIFORM);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "glorot_uniform"}
     */
    @Override
    public String name() {
        return "glorot_uniform";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' config of GlorotUniform holds only the seed
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

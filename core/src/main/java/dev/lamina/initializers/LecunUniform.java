package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code LecunUniform}: uniform on {@code [-limit, limit]} with
 * {@code limit = sqrt(3 / fan_in)}, that is {@code VarianceScaling(1, fan_in, uniform)}.
 */
public final class LecunUniform extends VarianceScaling {

    /** Creates the initializer; it has no parameters. */
    public LecunUniform() {
        super(1.0, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "lecun_uniform"}
     */
    @Override
    public String name() {
        return "lecun_uniform";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' config of LecunUniform holds only the seed
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

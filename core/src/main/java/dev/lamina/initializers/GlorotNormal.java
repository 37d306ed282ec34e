package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code GlorotNormal} (Xavier normal): a normal truncated at two standard deviations whose
 * variance after truncation is {@code 2 / (fan_in + fan_out)}, that is
 * {@code VarianceScaling(1, fan_avg, truncated_normal)}.
 */
public final class GlorotNormal extends VarianceScaling {

    /** Creates the initializer; it has no parameters. */
    public GlorotNormal() {
        super(1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "glorot_normal"}
     */
    @Override
    public String name() {
        return "glorot_normal";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' config of GlorotNormal holds only the seed
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

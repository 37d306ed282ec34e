package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code LecunNormal}: a normal truncated at two standard deviations whose variance after
 * truncation is {@code 1 / fan_in}, that is {@code VarianceScaling(1, fan_in, truncated_normal)}.
 *
 * <p>The initializer SELU networks expect.
 */
public final class LecunNormal extends VarianceScaling {

    /** Creates the initializer; it has no parameters. */
    public LecunNormal() {
        super(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "lecun_normal"}
     */
    @Override
    public String name() {
        return "lecun_normal";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' config of LecunNormal holds only the seed
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

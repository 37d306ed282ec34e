package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code Zeros}: every value is 0. The seed is ignored.
 */
public final class Zeros extends Constant {

    /** Creates the initializer; it has no parameters. */
    public Zeros() {
        super(0);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "zeros"}
     */
    @Override
    public String name() {
        return "zeros";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' Zeros has no parameters
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

package dev.lamina.initializers;

import java.util.Map;

/**
 * Keras' {@code Ones}: every value is 1. The seed is ignored.
 */
public final class Ones extends Constant {

    /** Creates the initializer; it has no parameters. */
    public Ones() {
        super(1);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "ones"}
     */
    @Override
    public String name() {
        return "ones";
    }

    /**
     * {@inheritDoc}
     *
     * @return an empty map: Keras' Ones has no parameters
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }
}

package dev.lamina.initializers;

import dev.lamina.core.Lamina;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code Ones}: every value is 1. The seed is ignored.
 */
public final class Ones implements Initializer {

    /** Creates the initializer; it has no parameters. */
    public Ones() {
    }

    /**
     * Creates an array of ones.
     *
     * @param shape the weight's shape
     * @param dtype any numerical data type
     * @param seed ignored
     * @return a new array of that shape and data type, all 1
     * @throws IllegalArgumentException for a non-numerical data type or an invalid shape
     */
    @Override
    public INDArray initialize(long[] shape, DataType dtype, long seed) {
        Objects.requireNonNull(shape, "shape");
        Sampling.checkShape(shape);
        Sampling.checkNumerical(dtype);
        // Lamina must pick the native build before ND4J loads it, and this may be ND4J's first use.
        Lamina.init();
        return Nd4j.ones(dtype, shape.clone());
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
     * @return an empty map
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    /**
     * A readable form: the name.
     *
     * @return {@code "ones"}
     */
    @Override
    public String toString() {
        return name();
    }
}

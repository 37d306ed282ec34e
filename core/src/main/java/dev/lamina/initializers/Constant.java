package dev.lamina.initializers;

import dev.lamina.backend.InPlace;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code Constant}: every value is the same number. The seed is ignored.
 */
public class Constant implements Initializer {

    private final double value;

    /**
     * Creates the initializer.
     *
     * @param value the value of every entry
     */
    public Constant(double value) {
        this.value = value;
    }

    /**
     * The value of every entry.
     *
     * @return the value
     */
    public double value() {
        return value;
    }

    /**
     * Creates an array filled with the value.
     *
     * @param shape the weight's shape
     * @param dtype any numerical data type
     * @param seed ignored
     * @return a new array of that shape and data type
     * @throws IllegalArgumentException for a non-numerical data type or an invalid shape
     */
    @Override
    public INDArray initialize(long[] shape, DataType dtype, long seed) {
        Objects.requireNonNull(shape, "shape");
        Sampling.checkShape(shape);
        Sampling.checkNumerical(dtype);
        // A fill from a cached scalar: valueArrayOf made a scalar array and an op per weight, Java
        // garbage that a program building many models pays for every bias.
        INDArray out = Nd4j.createUninitialized(dtype, shape.clone());
        return out.isEmpty() ? out : InPlace.fill(out, value);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "constant"}
     */
    @Override
    public String name() {
        return "constant";
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code {"value": value}}
     */
    @Override
    public Map<String, Object> getConfig() {
        return Map.of("value", value);
    }

    /**
     * A readable form: the name.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return name();
    }
}

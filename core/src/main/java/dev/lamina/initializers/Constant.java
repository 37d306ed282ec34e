package dev.lamina.initializers;

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
        return Nd4j.valueArrayOf(shape.clone(), value, dtype);
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

package dev.lamina.initializers;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Creates the initial values of a weight, as {@code keras.initializers.Initializer} does.
 *
 * <p>Implementations keep no random state: the values depend only on the arguments of
 * {@link #initialize(long[], DataType, long)}.
 */
public interface Initializer {

    /**
     * Creates a new array of initial values.
     *
     * @param shape the shape of the weight, for example {@code [in, out]} for a dense kernel or
     *     {@code [kH, kW, inC, outC]} for a convolution kernel; an empty array gives a scalar
     * @param dtype the data type of the result
     * @param seed the seed of the draw; the same (shape, dtype, seed) always gives the same values
     * @return a new c-ordered array of that shape and data type
     * @throws IllegalArgumentException if the shape has a negative dimension or more than
     *     {@link Integer#MAX_VALUE} elements, or the data type is not supported
     */
    INDArray initialize(long[] shape, DataType dtype, long seed);

    /**
     * The Keras name of this initializer, as {@link Initializers#get(String)} accepts it.
     *
     * @return the snake_case name, for example {@code "glorot_uniform"}
     */
    String name();

    /**
     * The Keras-style configuration of this initializer (Keras' {@code get_config()} without the
     * seed, which Lamina passes per draw instead).
     *
     * @return an unmodifiable map from parameter name to value, in Keras' order; empty for an
     *     initializer without parameters
     */
    Map<String, Object> getConfig();
}

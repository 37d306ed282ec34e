package dev.lamina.activations;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keras' activations by name ({@code "relu"}, {@code "softmax"}, …) and as typed constants.
 */
public final class Activations {

    /** The identity ({@code "linear"}, Keras' default {@code activation=None}). */
    public static final ActivationFunction LINEAR = of("linear", x -> x);
    /** {@code max(x, 0)}. */
    public static final ActivationFunction RELU = of("relu", Ops::relu);
    /** Hyperbolic tangent. */
    public static final ActivationFunction TANH = of("tanh", Ops::tanh);
    /** Logistic sigmoid. */
    public static final ActivationFunction SIGMOID = of("sigmoid", Ops::sigmoid);
    /** Softmax over the last axis. */
    public static final ActivationFunction SOFTMAX = of("softmax", Ops::softmax);

    private static final Map<String, ActivationFunction> BY_NAME = new LinkedHashMap<>();

    static {
        for (ActivationFunction f : new ActivationFunction[] {LINEAR, RELU, TANH, SIGMOID, SOFTMAX}) {
            BY_NAME.put(f.name(), f);
        }
    }

    private Activations() {
    }

    /**
     * The activation with this Keras name; {@code null} or {@code "none"} mean linear.
     *
     * @param name a name such as {@code "relu"}
     * @return the activation
     * @throws IllegalArgumentException listing the valid names
     */
    public static ActivationFunction get(String name) {
        if (name == null || name.equalsIgnoreCase("none")) {
            return LINEAR;
        }
        ActivationFunction f = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("Unknown activation: \"" + name + "\". Valid names: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return f;
    }

    private static ActivationFunction of(String name, UnaryOperator<Tensor> f) {
        return new ActivationFunction() {
            @Override
            public Tensor apply(Tensor x) {
                return f.apply(x);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

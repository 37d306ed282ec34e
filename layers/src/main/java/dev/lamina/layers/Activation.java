package dev.lamina.layers;

import dev.lamina.activations.ActivationFunction;
import dev.lamina.core.Tensor;
import java.util.Map;

/** Keras' Activation layer: applies an activation, e.g. {@code new Activation("relu")}. */
public class Activation extends ActivatedLayer<Activation> {

    /**
     * @param name the activation's Keras name
     */
    public Activation(String name) {
        activation(name);
    }

    /**
     * @param activation the activation, e.g. {@code Activations.RELU}
     */
    public Activation(ActivationFunction activation) {
        activation(activation);
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        return in.clone();
    }

    @Override
    protected Tensor preActivation(Tensor input, boolean training) {
        return input;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Activation fromConfig(Map<String, Object> config) {
        Activation l = new Activation(Args.string(config, "activation", "linear"));
        l.configureFrom(config);
        return l;
    }
}

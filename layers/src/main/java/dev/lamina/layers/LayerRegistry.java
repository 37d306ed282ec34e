package dev.lamina.layers;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fixed registry of layer classes that can be built from a Keras-style config. Nothing else is
 * ever instantiated from a config; custom layers register explicitly with {@link #register}.
 */
public final class LayerRegistry {

    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("Conv1D", Conv1D::fromConfig);
        register("Conv2D", Conv2D::fromConfig);
        register("Dense", Dense::fromConfig);
        register("MaxPooling2D", MaxPooling2D::fromConfig);
        register("MaxPool2D", MaxPooling2D::fromConfig);
        register("AveragePooling2D", AveragePooling2D::fromConfig);
        register("AvgPool2D", AveragePooling2D::fromConfig);
        register("BatchNormalization", BatchNormalization::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("Flatten", Flatten::fromConfig);
        register("Activation", Activation::fromConfig);
        register("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
        register("GlobalAvgPool2D", GlobalAveragePooling2D::fromConfig);
        register("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig);
        register("GlobalMaxPool2D", GlobalMaxPooling2D::fromConfig);
        register("ZeroPadding2D", ZeroPadding2D::fromConfig);
        register("Cropping2D", Cropping2D::fromConfig);
        register("Reshape", Reshape::fromConfig);
        register("InputLayer", InputLayer::fromConfig);
        register("Add", Add::fromConfig);
        register("Subtract", Subtract::fromConfig);
        register("Multiply", Multiply::fromConfig);
        register("Average", Average::fromConfig);
        register("Maximum", Maximum::fromConfig);
        register("Minimum", Minimum::fromConfig);
        register("Concatenate", Concatenate::fromConfig);
        register("ReLU", ReLU::fromConfig);
        register("LeakyReLU", LeakyReLU::fromConfig);
        register("Softmax", Softmax::fromConfig);
    }

    private LayerRegistry() {
    }

    /**
     * Makes a layer class constructible from configs.
     *
     * @param className the Keras class name written in configs
     * @param factory builds the layer from its config
     */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    /**
     * Builds a layer from its class name and config (absent arguments take Keras' defaults).
     *
     * @param className e.g. {@code "Conv2D"}
     * @param config the layer's config, e.g. from {@link Layer#getConfig()}
     * @return the layer
     * @throws IllegalArgumentException for an unregistered class, listing the known ones
     */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Unknown layer class \"" + className + "\". Known layers: "
                    + new TreeMap<>(FACTORIES).keySet() + " (register custom layers with LayerRegistry.register)");
        }
        return f.apply(config);
    }
}

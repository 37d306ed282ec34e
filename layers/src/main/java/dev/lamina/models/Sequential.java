package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras' Sequential model: a plain stack of layers, each feeding the next.
 *
 * <pre>{@code
 * Sequential cnn = new Sequential();
 * cnn.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
 * cnn.add(new MaxPooling2D(2));
 * }</pre>
 *
 * <p>The model is built as soon as its input shape is known: from the first layer's
 * {@code inputShape}, or from the first data it sees.
 */
public class Sequential extends Model {

    private final List<Layer> stack = new ArrayList<>();

    /** An empty model. */
    public Sequential() {
    }

    /**
     * A model of these layers, in order; a model may be one of them.
     *
     * @param layers the layers
     */
    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    @Override
    public String className() {
        return "Sequential";
    }

    @Override
    public Sequential name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Sequential setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        return this;
    }

    @Override
    public Sequential trainable(boolean trainable) {
        return setTrainable(trainable);
    }

    /**
     * Appends a layer (or a model used as a layer).
     *
     * @param layer the layer
     * @return this model
     * @throws IllegalArgumentException when the layer does not accept the previous output
     */
    public Sequential add(Layer layer) {
        if (layer instanceof InputLayer il) {
            if (!stack.isEmpty()) {
                throw new IllegalArgumentException("An InputLayer can only be the first layer of a Sequential model");
            }
            stack.add(il);
            rebuild();
            return this;
        }
        stack.add(layer);
        if (hasGraph()) {
            // Extend the existing graph: checks the new layer against the current output now.
            setGraph(input(), layer.apply(output()));
        } else {
            rebuild();
        }
        return this;
    }

    /** Removes the last layer, as Keras' {@code pop()}. */
    public void pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("There are no layers in the model");
        }
        stack.remove(stack.size() - 1);
        rebuild();
    }

    @Override
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>(stack);
        out.removeIf(l -> l instanceof InputLayer);
        return out;
    }

    /** Builds the graph when the first layer knows its input shape. */
    private void rebuild() {
        long[] shape = declaredShape();
        if (shape != null) {
            buildGraph(shape);
        }
    }

    private long[] declaredShape() {
        if (stack.isEmpty()) {
            return null;
        }
        Layer first = stack.get(0);
        if (first instanceof Model m && m.hasGraph()) {
            return m.input().shape();
        }
        return first.declaredInputShape();
    }

    private void buildGraph(long[] inputShape) {
        int[] dims = new int[inputShape.length - 1];
        for (int i = 1; i < inputShape.length; i++) {
            dims[i - 1] = Math.toIntExact(inputShape[i]);
        }
        KerasTensor in = stack.get(0) instanceof InputLayer il ? il.apply() : Input.shape(dims);
        KerasTensor t = in;
        for (Layer l : stack) {
            if (!(l instanceof InputLayer)) {
                t = l.apply(t);
            }
        }
        setGraph(in, t);
    }

    @Override
    void ensureGraph(long[] dataShape) {
        if (hasGraph()) {
            return;
        }
        // Built once, under the monitor; later calls (predict on any thread, also while fit holds
        // the monitor) see the volatile graph and never wait.
        synchronized (this) {
            if (!hasGraph()) {
                if (stack.isEmpty()) {
                    throw new IllegalStateException("Sequential model \"" + name() + "\" has no layers");
                }
                long[] s = dataShape.clone();
                s[0] = -1;
                buildGraph(s);
            }
        }
    }

    /**
     * Keras' Sequential config: {@code name}, {@code trainable} and the layers' entries in order, led
     * by an InputLayer entry when the first layer does not declare the input shape.
     *
     * @return the config (a new, mutable map)
     */
    @Override
    public Map<String, Object> getConfig() {
        return ModelConfig.sequential(this);
    }

    /**
     * Loads a Sequential model saved with {@link #save}, typed as one: {@link Model#load} for files
     * that hold a Sequential.
     *
     * @param path the file
     * @return the model, compiled as it was saved
     * @throws dev.lamina.core.LaminaIOException when the file cannot be read
     * @throws IllegalArgumentException when the file holds a functional model
     */
    public static Sequential load(java.nio.file.Path path) {
        Model m = Model.load(path);
        if (!(m instanceof Sequential s)) {
            throw new IllegalArgumentException(path + " holds a functional model (\"" + m.name() + "\"), not a "
                    + "Sequential one: load it with Model.load");
        }
        return s;
    }

    /**
     * A Sequential model rebuilt from {@link #getConfig()}, as Keras' {@code Sequential.from_config}.
     *
     * @param config a Sequential model's config
     * @return the model
     * @throws IllegalArgumentException naming the layer entry when the config cannot be rebuilt, or
     *     when it describes a functional model
     */
    public static Sequential fromConfig(Map<String, Object> config) {
        if (!"Sequential".equals(className(config, "Sequential"))) {
            throw new IllegalArgumentException("This config describes a functional model (it has input_layers): "
                    + "rebuild it with Model.fromConfig");
        }
        return (Sequential) ModelIO.fromConfig("Sequential", config);
    }

    @Override
    public String toString() {
        return name() + " (Sequential) " + Arrays.toString(layers().stream().map(Layer::name).toArray());
    }
}

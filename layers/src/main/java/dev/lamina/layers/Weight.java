package dev.lamina.layers;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named weight of a layer ({@code kernel}, {@code bias}, {@code gamma}, {@code moving_mean}, …):
 * its variable and whether training may change it.
 */
public final class Weight {

    private final Layer owner;
    private final String name;
    private final Tensor variable;
    private final boolean trainable;

    Weight(Layer owner, String name, INDArray value, boolean trainable) {
        this.owner = owner;
        this.name = name;
        this.variable = Tensor.variable(value);
        this.trainable = trainable;
    }

    /** @return the weight's own name, e.g. {@code "kernel"} */
    public String name() {
        return name;
    }

    /** @return {@code layer_name/weight_name}, as Keras' variable paths */
    public String path() {
        return owner.name() + "/" + name;
    }

    /** @return the layer that owns the weight */
    public Layer owner() {
        return owner;
    }

    /** @return the variable (its value is updated in place by optimizers) */
    public Tensor variable() {
        return variable;
    }

    /** @return the current value (live, not a copy) */
    public INDArray value() {
        return variable.value();
    }

    /**
     * Whether training changes this weight: a trainable weight of a trainable layer. Moving
     * statistics are never trainable.
     *
     * @return true when the optimizer updates it
     */
    public boolean isTrainable() {
        return trainable && owner.isTrainable();
    }

    @Override
    public String toString() {
        return path() + " " + java.util.Arrays.toString(value().shape());
    }
}

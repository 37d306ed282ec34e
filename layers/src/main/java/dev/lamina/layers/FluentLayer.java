package dev.lamina.layers;

/**
 * A layer whose inherited setters return its own type, so a chain reads in any order:
 * {@code new Conv2D(32, 3).name("c1").trainable(false).activation("relu")}. Every Keras layer
 * extends it with itself as {@code T} (DJL's self-typed builders); code that holds layers of any
 * kind uses {@link Layer}.
 *
 * @param <T> the concrete layer class
 */
public abstract class FluentLayer<T extends FluentLayer<T>> extends Layer {

    /** A layer named after its class. */
    protected FluentLayer() {
    }

    /** @return this layer as its own type */
    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    @Override
    public T name(String name) {
        super.name(name);
        return self();
    }

    @Override
    public T inputShape(int... dims) {
        super.inputShape(dims);
        return self();
    }

    @Override
    public T setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        return self();
    }

    @Override
    public T trainable(boolean trainable) {
        return setTrainable(trainable);
    }
}

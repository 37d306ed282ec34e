package dev.lamina.layers;

/** Keras' alias of {@link MaxPooling2D}: the same layer under its short name. */
public class MaxPool2D extends MaxPooling2D {

    /**
     * @param poolSize the square window's side
     */
    public MaxPool2D(int poolSize) {
        super(poolSize);
    }

    /**
     * @param poolSize {@code {pH, pW}}
     */
    public MaxPool2D(int[] poolSize) {
        super(poolSize);
    }
}

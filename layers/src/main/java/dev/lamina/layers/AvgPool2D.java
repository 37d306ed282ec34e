package dev.lamina.layers;

/** Keras' alias of {@link AveragePooling2D}: the same layer under its short name. */
public class AvgPool2D extends AveragePooling2D {

    /**
     * @param poolSize the square window's side
     */
    public AvgPool2D(int poolSize) {
        super(poolSize);
    }

    /**
     * @param poolSize {@code {pH, pW}}
     */
    public AvgPool2D(int[] poolSize) {
        super(poolSize);
    }
}

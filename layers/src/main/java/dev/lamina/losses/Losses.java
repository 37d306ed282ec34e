package dev.lamina.losses;

import java.util.Locale;

/** Losses by Keras name, for {@code compile(..., "categorical_crossentropy", ...)}. */
public final class Losses {

    /** Keras' {@code "categorical_crossentropy"}. */
    public static final String CATEGORICAL_CROSSENTROPY = "categorical_crossentropy";
    /** Keras' {@code "sparse_categorical_crossentropy"}. */
    public static final String SPARSE_CATEGORICAL_CROSSENTROPY = "sparse_categorical_crossentropy";
    /** Keras' {@code "binary_crossentropy"}. */
    public static final String BINARY_CROSSENTROPY = "binary_crossentropy";
    /** Keras' {@code "mse"}. */
    public static final String MSE = "mse";

    private Losses() {
    }

    /**
     * A new loss.
     *
     * @param name a Keras name or alias ({@code "mse"}, {@code "mean_squared_error"}, …)
     * @return the loss
     * @throws IllegalArgumentException listing the valid names
     */
    public static Loss get(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case CATEGORICAL_CROSSENTROPY:
                return new CategoricalCrossentropy();
            case SPARSE_CATEGORICAL_CROSSENTROPY:
                return new SparseCategoricalCrossentropy();
            case BINARY_CROSSENTROPY:
                return new BinaryCrossentropy();
            case MSE:
            case "mean_squared_error":
                return new MeanSquaredError();
            default:
                throw new IllegalArgumentException("Unknown loss: \"" + name + "\". Valid names: "
                        + "categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, mse");
        }
    }
}

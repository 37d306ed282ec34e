package dev.lamina.optim;

import java.util.Locale;

/** Optimizers by Keras name, for {@code compile("rmsprop", ...)}. */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras' defaults.
     *
     * @param name {@code "sgd"}, {@code "rmsprop"} or {@code "adam"}, any case
     * @return the optimizer
     * @throws IllegalArgumentException listing the valid names
     */
    public static Optimizer get(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "sgd":
                return new SGD();
            case "rmsprop":
                return new RMSprop();
            case "adam":
                return new Adam();
            default:
                throw new IllegalArgumentException("Unknown optimizer: \"" + name + "\". Valid names: sgd, rmsprop, adam");
        }
    }
}

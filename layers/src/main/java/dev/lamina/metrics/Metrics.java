package dev.lamina.metrics;

import java.util.Locale;

/**
 * Metrics by Keras name. {@code "accuracy"} and {@code "acc"} resolve from the loss and the output
 * shape as Keras does: binary accuracy for a single output unit or binary cross-entropy, sparse
 * categorical accuracy for a sparse loss, categorical accuracy otherwise.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * A metric.
     *
     * @param name a Keras name: {@code "accuracy"}, {@code "acc"}, {@code "categorical_accuracy"},
     *     {@code "sparse_categorical_accuracy"}, {@code "binary_accuracy"}
     * @param lossName the compiled loss's name, used to resolve {@code "accuracy"}
     * @param outputUnits the size of the model's last output axis
     * @return the metric
     * @throws IllegalArgumentException listing the valid names
     */
    public static Metric get(String name, String lossName, long outputUnits) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "accuracy":
            case "acc":
                if (outputUnits == 1 || "binary_crossentropy".equals(lossName)) {
                    return new BinaryAccuracy(name, 0.5);
                }
                if (lossName != null && lossName.startsWith("sparse")) {
                    return new SparseCategoricalAccuracy(name);
                }
                return new CategoricalAccuracy(name);
            case "categorical_accuracy":
                return new CategoricalAccuracy();
            case "sparse_categorical_accuracy":
                return new SparseCategoricalAccuracy();
            case "binary_accuracy":
                return new BinaryAccuracy();
            default:
                throw new IllegalArgumentException("Unknown metric: \"" + name + "\". Valid names: accuracy, acc, "
                        + "categorical_accuracy, sparse_categorical_accuracy, binary_accuracy");
        }
    }
}

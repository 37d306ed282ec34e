package dev.lamina.examples;

import dev.lamina.callbacks.History;

/**
 * What an example achieved.
 *
 * @param testAccuracy the test (or validation) accuracy, or {@code NaN} for examples that do not train
 * @param history the training history, or {@code null} for examples that do not train
 */
public record ExampleResult(double testAccuracy, History history) {
}

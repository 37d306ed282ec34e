package dev.lamina.examples;

import dev.lamina.callbacks.History;
import dev.lamina.models.EvaluationResult;
import java.util.Locale;

/** The closing lines every training example prints. */
final class Reports {

    private Reports() {
    }

    /** Prints {@code test loss} and, last, {@code test accuracy: 0.xxxx}; returns the result. */
    static ExampleResult testAccuracy(EvaluationResult result, String accuracyName, History history) {
        double accuracy = result.get(accuracyName);
        System.out.println(String.format(Locale.ROOT, "test loss: %.4f", result.loss()));
        System.out.println(String.format(Locale.ROOT, "test accuracy: %.4f", accuracy));
        return new ExampleResult(accuracy, history);
    }
}

package dev.lamina.callbacks;

import dev.lamina.models.Model;
import java.util.Map;

/**
 * Keras' callback hooks into {@code fit}. Every hook has an empty default; {@code logs} hold the
 * running or final metrics by name ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, …).
 */
public interface Callback {

    /**
     * Called once before training with the model being trained.
     *
     * @param model the model
     */
    default void setModel(Model model) {
    }

    /** @param logs empty at the start */
    default void onTrainBegin(Map<String, Double> logs) {
    }

    /** @param logs the last epoch's logs */
    default void onTrainEnd(Map<String, Double> logs) {
    }

    /**
     * @param epoch the epoch about to begin (0-based)
     * @param logs empty
     */
    default void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param epoch the epoch that ended (0-based)
     * @param logs the epoch's metrics, with validation metrics when there was validation data
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param batch the batch about to run within the epoch
     * @param logs empty
     */
    default void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /**
     * @param batch the batch that ran within the epoch
     * @param logs the running metrics of the epoch so far
     */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}

package dev.lamina.callbacks;

import java.util.Map;

/**
 * Keras' callback hooks into {@code fit}, as Keras' {@code Callback} class: {@code fit} hands the
 * callback its model before training ({@link #model()}), and every hook has an empty default;
 * {@code logs} hold the running or final metrics by name ({@code "loss"}, {@code "accuracy"},
 * {@code "val_loss"}, …).
 */
public abstract class Callback {

    private TrainingModel model;

    /** A callback with no model yet. */
    protected Callback() {
    }

    /**
     * Called by {@code fit} before training with the model being trained.
     *
     * @param model the model
     */
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    /**
     * The model being trained, as Keras' {@code self.model}.
     *
     * @return the model
     * @throws IllegalStateException before {@code fit} has handed the callback a model
     */
    public TrainingModel model() {
        if (model == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no model yet: fit sets it before training");
        }
        return model;
    }

    /** @param logs empty at the start */
    public void onTrainBegin(Map<String, Double> logs) {
    }

    /** @param logs the last epoch's logs */
    public void onTrainEnd(Map<String, Double> logs) {
    }

    /**
     * @param epoch the epoch about to begin (0-based)
     * @param logs empty
     */
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param epoch the epoch that ended (0-based)
     * @param logs the epoch's metrics, with validation metrics when there was validation data
     */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * @param batch the batch about to run within the epoch
     * @param logs empty
     */
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /**
     * @param batch the batch that ran within the epoch
     * @param logs the running metrics of the epoch so far
     */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}

package dev.lamina.callbacks;

import java.nio.file.Path;
import java.util.Map;

/**
 * Keras' ModelCheckpoint: saves the model at the end of each epoch, or only when the monitored
 * metric improves, through {@code model.save} (or {@code saveWeights} with
 * {@link #saveWeightsOnly(boolean)}), so the file name's extension picks the format as it does
 * there: {@code .keras}, {@code .h5}, or Lamina's own. {@code {epoch}} in the path is replaced by
 * the epoch number (from 1). Each write goes to a temporary file that is then renamed into place,
 * so an interrupted write never leaves a half checkpoint.
 */
public final class ModelCheckpoint extends Callback {

    private final String path;
    private Monitor monitor = new Monitor("val_loss", "auto");
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private double best;

    /**
     * @param path the checkpoint file; may contain {@code {epoch}}
     */
    public ModelCheckpoint(Path path) {
        this.path = path.toString();
    }

    /**
     * The metric deciding what is best (default {@code "val_loss"}).
     *
     * @param metric the metric's name
     * @return this callback
     */
    public ModelCheckpoint monitor(String metric) {
        this.monitor = new Monitor(metric, "auto");
        return this;
    }

    /**
     * Save only when the monitored metric improves (default false).
     *
     * @param saveBestOnly whether to save only improvements
     * @return this callback
     */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /**
     * Save the weights only, as {@code saveWeights} does (default false: the whole model).
     *
     * @param saveWeightsOnly whether to save the weights only
     * @return this callback
     */
    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = monitor.value(logs);
            if (current == null || !monitor.improves(current, best, 0)) {
                return;
            }
            best = current;
        }
        Path target = Path.of(path.replace("{epoch}", String.valueOf(epoch + 1)));
        if (saveWeightsOnly) {
            model().saveWeights(target);
        } else {
            model().save(target);
        }
    }
}

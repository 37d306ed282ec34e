package dev.lamina.callbacks;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' EarlyStopping: stops training when the monitored metric has not improved for
 * {@code patience} epochs, optionally restoring the best epoch's weights.
 */
public final class EarlyStopping extends Callback {

    private Monitor monitor = new Monitor("val_loss", "auto");
    private double minDelta;
    private int patience;
    private boolean restoreBestWeights;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private List<INDArray> bestWeights;

    /** Monitors {@code val_loss} with patience 0. */
    public EarlyStopping() {
    }

    /**
     * The metric to watch (default {@code "val_loss"}), mode {@code "auto"}.
     *
     * @param metric the metric's name
     * @return this callback
     */
    public EarlyStopping monitor(String metric) {
        this.monitor = new Monitor(metric, "auto");
        return this;
    }

    /**
     * The metric and whether it should fall ({@code "min"}) or rise ({@code "max"}).
     *
     * @param metric the metric's name
     * @param mode {@code "auto"}, {@code "min"} or {@code "max"}
     * @return this callback
     */
    public EarlyStopping monitor(String metric, String mode) {
        this.monitor = new Monitor(metric, mode);
        return this;
    }

    /**
     * Epochs without improvement before stopping (default 0).
     *
     * @param patience the number of epochs
     * @return this callback
     */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be non-negative. Received: patience=" + patience);
        }
        this.patience = patience;
        return this;
    }

    /**
     * The smallest change that counts as an improvement (default 0).
     *
     * @param minDelta the change
     * @return this callback
     */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /**
     * Restore the best epoch's weights when stopping (default false).
     *
     * @param restore whether to restore
     * @return this callback
     */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** @return the epoch training stopped at, or -1 */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = monitor.worst();
        wait = 0;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitor.value(logs);
        if (current == null) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
        }
        wait++;
        if (monitor.improves(current, best, minDelta)) {
            best = current;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            return;
        }
        // As Keras: never on the first epoch, then once `patience` epochs passed without improvement.
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
            if (restoreBestWeights && bestWeights != null) {
                model().setWeights(bestWeights);
            }
        }
    }
}

package dev.lamina.callbacks;

import java.util.Map;

/**
 * Keras' ReduceLROnPlateau: multiplies the learning rate by {@code factor} when the monitored metric
 * has not improved for {@code patience} epochs, waiting {@code cooldown} epochs after each cut, never
 * going below {@code minLr}.
 */
public final class ReduceLROnPlateau extends Callback {

    private Monitor monitor = new Monitor("val_loss", "auto");
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private double best;
    private int wait;
    private int cooldownLeft;

    /** Monitors {@code val_loss}: factor 0.1, patience 10, min delta 1e-4, no cooldown, min lr 0. */
    public ReduceLROnPlateau() {
    }

    /**
     * The metric to watch (default {@code "val_loss"}).
     *
     * @param metric the metric's name
     * @return this callback
     */
    public ReduceLROnPlateau monitor(String metric) {
        this.monitor = new Monitor(metric, "auto");
        return this;
    }

    /**
     * The factor applied to the learning rate (default 0.1).
     *
     * @param factor in (0, 1)
     * @return this callback
     */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0 or <= 0. Received: "
                    + "factor=" + factor);
        }
        this.factor = factor;
        return this;
    }

    /**
     * Epochs without improvement before a cut (default 10).
     *
     * @param patience the epochs
     * @return this callback
     */
    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    /**
     * Epochs to wait after a cut (default 0).
     *
     * @param cooldown the epochs
     * @return this callback
     */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /**
     * The lowest learning rate (default 0).
     *
     * @param minLr the bound
     * @return this callback
     */
    public ReduceLROnPlateau minLr(double minLr) {
        this.minLr = minLr;
        return this;
    }

    /**
     * The smallest change that counts as an improvement (default 1e-4).
     *
     * @param minDelta the change
     * @return this callback
     */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = minDelta;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = monitor.worst();
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitor.value(logs);
        if (current == null) {
            return;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.improves(current, best, minDelta)) {
            best = current;
            wait = 0;
        } else if (cooldownLeft == 0) {
            wait++;
            if (wait >= patience) {
                double old = model().optimizer().learningRate();
                if (old > minLr) {
                    double lr = Math.max(old * factor, minLr);
                    model().optimizer().learningRate(lr);
                    logs.put("learning_rate", lr);
                    cooldownLeft = cooldown;
                    wait = 0;
                }
            }
        }
    }
}

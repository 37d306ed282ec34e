package dev.lamina.callbacks;

import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code fit} returns: each metric per epoch, as Keras' {@code History}. */
public final class History extends Callback {

    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((k, v) -> history.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
    }

    /** @return metric name → one value per epoch, e.g. {@code history().get("val_accuracy")} */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the indices of the epochs trained */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * The last value of a metric.
     *
     * @param name the metric, e.g. {@code "loss"}
     * @return its value after the last epoch
     * @throws IllegalArgumentException when the metric was not recorded
     */
    public double last(String name) {
        List<Double> values = history.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("No metric \"" + name + "\" in this history; recorded: "
                    + history.keySet());
        }
        return values.get(values.size() - 1);
    }

    /**
     * Draws the loss and each metric per epoch, training and (when recorded) validation, as a PNG:
     * one chart per metric side by side, like the classic notebooks' matplotlib figures.
     *
     * @param path the PNG file (parent folders are created)
     * @throws IllegalArgumentException when no epoch was recorded or the file is not {@code .png}
     * @throws LaminaIOException when the file cannot be written
     */
    public void plot(Path path) {
        try {
            HistoryPlot.write(this, path);
        } catch (IOException e) {
            throw new LaminaIOException("Could not write the history plot to " + path, e);
        }
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}

package dev.lamina.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code evaluate} returns: the loss and each metric over all samples. */
public final class EvaluationResult {

    private final Map<String, Double> values;

    EvaluationResult(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return the mean loss over the samples */
    public double loss() {
        return values.get("loss");
    }

    /**
     * A metric's value.
     *
     * @param name e.g. {@code "accuracy"}
     * @return its value
     * @throws IllegalArgumentException listing the available names
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No metric \"" + name + "\"; available: " + values.keySet());
        }
        return v;
    }

    /** @return every value by name, loss first */
    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

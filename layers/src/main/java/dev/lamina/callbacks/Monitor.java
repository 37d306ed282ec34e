package dev.lamina.callbacks;

import java.util.Locale;
import java.util.Map;

/** A monitored quantity and whether smaller or larger is better, as Keras' {@code mode="auto"} decides. */
final class Monitor {

    private final String name;
    private final boolean maximize;

    Monitor(String name, String mode) {
        this.name = name;
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "min":
                maximize = false;
                break;
            case "max":
                maximize = true;
                break;
            case "auto":
                // Keras: accuracies (and AUCs) are maximised, everything else minimised.
                maximize = name.contains("acc") || name.contains("auc");
                break;
            default:
                throw new IllegalArgumentException("mode must be \"auto\", \"min\" or \"max\". Received: mode=" + mode);
        }
    }

    String name() {
        return name;
    }

    /** The monitored value, or null (with Keras' warning) when the logs lack it. */
    Double value(Map<String, Double> logs) {
        Double v = logs.get(name);
        if (v == null) {
            System.err.println("Warning: the monitored metric \"" + name + "\" is not available; available metrics: "
                    + logs.keySet());
        }
        return v;
    }

    /** Whether {@code current} improves on {@code best} by more than {@code minDelta}. */
    boolean improves(double current, double best, double minDelta) {
        return maximize ? current - minDelta > best : current + minDelta < best;
    }

    double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}

package dev.lamina.callbacks;

import dev.lamina.layers.Dense;
import dev.lamina.models.Sequential;
import dev.lamina.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for driving a callback's hooks as fit would, with chosen logs. */
final class Logs {

    private Logs() {
    }

    /** @return {@code {name: value, ...}} from alternating names and values */
    static Map<String, Double> of(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    /** A small compiled model (SGD at learning rate 0.1) for callbacks that act on one. */
    static Sequential model() {
        Sequential m = new Sequential(new Dense(2).inputShape(3));
        m.compile(new SGD(0.1), "mse");
        return m;
    }

    /** Runs a callback through train begin and one epoch end per value of {@code metric}. */
    static void epochs(Callback c, String metric, double... values) {
        c.onTrainBegin(new LinkedHashMap<>());
        for (int e = 0; e < values.length && !c.model().isStopTraining(); e++) {
            c.onEpochBegin(e, new LinkedHashMap<>());
            c.onEpochEnd(e, of(metric, values[e]));
        }
    }
}

package dev.lamina.models;

import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.metrics.Metrics;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import dev.lamina.saving.KerasNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a model loaded from a Keras file as Keras' {@code load_model} does, from the legacy
 * HDF5 {@code training_config} ({@code optimizer_config}, {@code loss}, {@code metrics},
 * {@code loss_weights}) or a {@code .keras} file's {@code compile_config} ({@code optimizer},
 * which defaults to {@code "rmsprop"} as in {@code compile()}, {@code loss}, {@code metrics}). When
 * something is not available in Lamina (an optimizer, loss or metric it lacks, or a setting such as
 * {@code from_logits} or EMA), the model stays uncompiled: {@link #restore} says why, for the
 * loader to log. Optimizer state is restored apart ({@link KerasOptimizerState}).
 */
final class KerasCompile {

    /** Keras 3 optimizer settings Lamina accepts only at their off value. */
    private static final Set<String> OFF_OPTIMIZER = Set.of("use_ema", "loss_scale_factor",
            "gradient_accumulation_steps");

    private KerasCompile() {
    }

    /**
     * Compiles the model from a Keras training or compile config.
     *
     * @param model the loaded model
     * @param config Keras 2's {@code training_config} or Keras 3's {@code compile_config}
     * @param legacy true for a {@code training_config}
     * @param savedOptimizer the name of the optimizer whose state the file holds, or {@code null};
     *     used (with its defaults) when a {@code compile_config} names no optimizer, where Keras
     *     would compile RMSprop and drop that state
     * @return {@code null} when compiled; otherwise why the model was left uncompiled
     */
    static String restore(Model model, Map<?, ?> config, boolean legacy, String savedOptimizer) {
        try {
            Object fallback = savedOptimizer != null && known(savedOptimizer) ? savedOptimizer : "rmsprop";
            Optimizer optimizer = optimizer(legacy ? config.get("optimizer_config")
                    : config.containsKey("optimizer") ? config.get("optimizer") : fallback);
            if (config.get("weighted_metrics") != null) {
                throw new IllegalArgumentException("weighted_metrics are not supported");
            }
            Object lossSpec = config.get("loss");
            if (lossSpec == null) {
                throw new IllegalArgumentException("the file names no loss");
            }
            Map<String, Loss> losses = new LinkedHashMap<>();
            List<String> outputs = model.outputNames();
            if (lossSpec instanceof Map<?, ?> byOutput && !byOutput.containsKey("class_name")) {
                for (Map.Entry<?, ?> e : byOutput.entrySet()) {
                    losses.put(String.valueOf(e.getKey()), loss(e.getValue()));
                }
            } else if (lossSpec instanceof List<?> list) {
                if (list.size() != outputs.size()) {
                    throw new IllegalArgumentException("the file lists " + list.size() + " losses for " + outputs.size()
                            + " outputs");
                }
                for (int i = 0; i < list.size(); i++) {
                    losses.put(outputs.get(i), loss(list.get(i)));
                }
            } else {
                Loss one = loss(lossSpec);
                for (String o : outputs) {
                    losses.put(o, one);
                }
            }
            String lossName = losses.values().iterator().next().name();
            List<Object> metrics = new ArrayList<>();
            collectMetrics(config.get("metrics"), metrics);
            for (Object m : metrics) {
                Metrics.get((String) m, lossName, 2);
            }
            Map<String, Double> lossWeights = lossWeights(config.get("loss_weights"), outputs);
            model.compile(optimizer, losses, lossWeights, metrics.toArray());
            return null;
        } catch (IllegalArgumentException | ClassCastException e) {
            return e.getMessage();
        }
    }

    private static boolean known(String optimizer) {
        try {
            Optimizers.get(optimizer);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optimizer optimizer(Object spec) {
        if (spec instanceof String name) {
            return Optimizers.get(name);
        }
        if (!(spec instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the file names no optimizer");
        }
        String cls = String.valueOf(m.get("class_name"));
        // TensorFlow 2.11+ writes its built-in optimizers as "Custom>Adam"; only the name is read, never code.
        if (cls.startsWith("Custom>")) {
            cls = cls.substring("Custom>".length());
        }
        Map<String, Object> c = new LinkedHashMap<>();
        if (m.get("config") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> c.put(String.valueOf(k), v));
        }
        for (String k : OFF_OPTIMIZER) {
            Object v = c.get(k);
            if (v != null && !Boolean.FALSE.equals(v)) {
                throw new IllegalArgumentException("optimizer setting " + k + "=" + v + " is not supported");
            }
        }
        if (c.get("learning_rate") instanceof Map<?, ?>) {
            throw new IllegalArgumentException("a learning-rate schedule in the file is not read");
        }
        if (!c.containsKey("learning_rate") && c.get("lr") != null) {
            c.put("learning_rate", c.get("lr"));
        }
        // Keras 2 names the optimizer only by class; Lamina's config reads "name".
        c.put("name", cls);
        return Optimizers.fromConfig(c);
    }

    private static Loss loss(Object spec) {
        String name;
        if (spec instanceof String s) {
            name = s;
        } else if (spec instanceof Map<?, ?> m) {
            Map<?, ?> c = m.get("config") instanceof Map<?, ?> cm ? cm : Map.of();
            if (Boolean.TRUE.equals(c.get("from_logits"))) {
                throw new IllegalArgumentException("loss " + m.get("class_name") + " with from_logits=true is not "
                        + "supported");
            }
            if (c.get("label_smoothing") instanceof Number n && n.doubleValue() != 0) {
                throw new IllegalArgumentException("label_smoothing=" + n + " is not supported");
            }
            name = KerasNames.toSnakeCase(String.valueOf(m.get("class_name")));
        } else {
            throw new IllegalArgumentException("unreadable loss " + spec);
        }
        return Losses.get(name);
    }

    /** Metric names from a flat list, Keras 2.4+'s per-output nested lists, or metric objects. */
    private static void collectMetrics(Object spec, List<Object> out) {
        if (spec == null) {
            return;
        }
        if (spec instanceof String s) {
            out.add(s);
        } else if (spec instanceof List<?> list) {
            for (Object o : list) {
                collectMetrics(o, out);
            }
        } else if (spec instanceof Map<?, ?> m && m.containsKey("class_name")) {
            Map<?, ?> c = m.get("config") instanceof Map<?, ?> cm ? cm : Map.of();
            String cls = String.valueOf(m.get("class_name"));
            // A MeanMetricWrapper wraps a function by name ("categorical_accuracy"), under the user's name.
            Object fn = c.get("fn");
            out.add("MeanMetricWrapper".equals(cls) && fn instanceof String f ? f : KerasNames.toSnakeCase(cls));
        } else if (spec instanceof Map<?, ?> byOutput) {
            for (Object o : byOutput.values()) {
                collectMetrics(o, out);
            }
        } else {
            throw new IllegalArgumentException("unreadable metrics " + spec);
        }
    }

    private static Map<String, Double> lossWeights(Object spec, List<String> outputs) {
        if (spec == null) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (spec instanceof List<?> list && list.size() == outputs.size()) {
            for (int i = 0; i < list.size(); i++) {
                out.put(outputs.get(i), ((Number) list.get(i)).doubleValue());
            }
        } else if (spec instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), ((Number) v).doubleValue()));
        } else {
            throw new IllegalArgumentException("unreadable loss_weights " + spec);
        }
        return out;
    }
}

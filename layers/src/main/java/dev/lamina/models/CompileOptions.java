package dev.lamina.models;

import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code compile(...)} keyword arguments as an immutable value, for calls that leave the
 * optimizer to Keras' default ({@code "rmsprop"}), as the Sign-MNIST notebook's
 * {@code model.compile(loss='categorical_crossentropy', metrics=['accuracy'])} does:
 *
 * <pre>{@code
 * model.compile(CompileOptions.loss("categorical_crossentropy").metrics("accuracy"));
 * model.compile(CompileOptions.losses(Map.of("class", "sparse_categorical_crossentropy", "box", "mse"))
 *         .lossWeights(Map.of("box", 0.5)).optimizer(new Adam(1e-3)));
 * }</pre>
 *
 * Each setter returns a new value; the receiver is unchanged.
 */
public final class CompileOptions {

    private final Object optimizer;
    private final Object loss;
    private final Map<String, Object> losses;
    private final Map<String, Number> lossWeights;
    private final List<Object> metrics;

    private CompileOptions(Object optimizer, Object loss, Map<String, Object> losses, Map<String, Number> lossWeights,
            List<Object> metrics) {
        this.optimizer = optimizer;
        this.loss = loss;
        this.losses = losses;
        this.lossWeights = lossWeights;
        this.metrics = metrics;
    }

    /**
     * Options with one loss for every output, by Keras name.
     *
     * @param loss e.g. {@code "categorical_crossentropy"}
     * @return the options
     */
    public static CompileOptions loss(String loss) {
        return new CompileOptions(null, Objects.requireNonNull(loss, "loss"), null, null, List.of());
    }

    /**
     * Options with one loss object for every output.
     *
     * @param loss the loss
     * @return the options
     */
    public static CompileOptions loss(Loss loss) {
        return new CompileOptions(null, Objects.requireNonNull(loss, "loss"), null, null, List.of());
    }

    /**
     * Options with a loss per output, by output layer name (names or {@link Loss} objects).
     *
     * @param losses the losses
     * @return the options
     */
    public static CompileOptions losses(Map<String, ?> losses) {
        return new CompileOptions(null, null, Map.copyOf(losses), null, List.of());
    }

    /**
     * The optimizer by Keras name (default {@code "rmsprop"}, as Keras').
     *
     * @param name e.g. {@code "adam"}
     * @return new options
     */
    public CompileOptions optimizer(String name) {
        return new CompileOptions(Objects.requireNonNull(name, "optimizer"), loss, losses, lossWeights, metrics);
    }

    /**
     * The optimizer.
     *
     * @param optimizer the optimizer
     * @return new options
     */
    public CompileOptions optimizer(Optimizer optimizer) {
        return new CompileOptions(Objects.requireNonNull(optimizer, "optimizer"), loss, losses, lossWeights, metrics);
    }

    /**
     * Metrics by name or as {@link dev.lamina.metrics.Metric} objects, computed for every output.
     *
     * @param metrics the metrics
     * @return new options
     */
    public CompileOptions metrics(Object... metrics) {
        return new CompileOptions(optimizer, loss, losses, lossWeights, List.of(metrics));
    }

    /**
     * Keras' {@code loss_weights}: a weight per output layer name (1 for an output left out).
     *
     * @param weights the weights
     * @return new options
     */
    public CompileOptions lossWeights(Map<String, ? extends Number> weights) {
        return new CompileOptions(optimizer, loss, losses, Map.copyOf(weights), metrics);
    }

    /** Applies the options to a model. */
    void applyTo(Model model) {
        Optimizer o = optimizer == null ? Optimizers.get("rmsprop")
                : optimizer instanceof Optimizer given ? given : Optimizers.get((String) optimizer);
        Object[] m = metrics.toArray();
        if (losses == null && lossWeights == null) {
            model.compile(o, loss instanceof Loss l ? l : Losses.get((String) loss), m);
            return;
        }
        Map<String, Object> perOutput = losses;
        if (perOutput == null) {
            perOutput = new LinkedHashMap<>();
            for (String name : model.outputNames()) {
                perOutput.put(name, loss);
            }
        }
        model.compile(o, perOutput, lossWeights, m);
    }
}

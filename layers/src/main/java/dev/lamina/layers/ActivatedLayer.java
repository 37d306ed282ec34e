package dev.lamina.layers;

import dev.lamina.activations.ActivationFunction;
import dev.lamina.activations.Activations;
import dev.lamina.backend.ArrayArena;
import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.ReluOp;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A layer whose output passes through an activation (Conv2D, Dense, Activation). Models use the
 * split between the pre-activation and the activation to compute a softmax output and its
 * cross-entropy in one fused, stable op during training.
 *
 * @param <T> the concrete layer class
 */
public abstract class ActivatedLayer<T extends ActivatedLayer<T>> extends FluentLayer<T> {

    /** Activations whose native op may write its output over its input. */
    private static final Set<String> ELEMENTWISE = Set.of("relu", "tanh", "sigmoid");

    private ActivationFunction activation = Activations.LINEAR;

    /**
     * The activation by Keras name ({@code "relu"}, {@code "softmax"}, …; {@code null} for linear).
     *
     * @param name the name
     * @return this layer
     */
    public T activation(String name) {
        this.activation = Activations.get(name);
        return self();
    }

    /**
     * The activation as a typed constant, e.g. {@link Activations#RELU}.
     *
     * @param activation the activation
     * @return this layer
     */
    public T activation(ActivationFunction activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return self();
    }

    /** @return the activation */
    public ActivationFunction activation() {
        return activation;
    }

    /**
     * The layer's output before its activation.
     *
     * @param input the input
     * @param training whether in training
     * @return the pre-activation
     */
    protected abstract Tensor preActivation(Tensor input, boolean training);

    /**
     * The pre-activation of a built layer, checking the input shape as {@link #forward} does.
     *
     * @param input the input
     * @param training whether in training
     * @return the pre-activation (the logits of a softmax layer)
     */
    public final Tensor forwardLogits(Tensor input, boolean training) {
        buildOrCheck(input);
        return preActivation(input, training);
    }

    /**
     * {@link #forward(Tensor, boolean)} for a caller that will never read {@code input} again: a
     * relu may then write its result over the input's array (as Keras' graph compilers fuse it)
     * instead of keeping both for the step. The caller promises that the layer is the input's only
     * reader, and that the input is none of the model's inputs or outputs; the layer still checks
     * that the input's own op will not read it ({@link Tensor#isResultUnreadByBackward()}) and
     * computes out of place otherwise.
     *
     * @param input the input, dead after this call
     * @param training whether in training
     * @return the output, possibly sharing the input's array
     */
    public final Tensor forwardOverwriting(Tensor input, boolean training) {
        buildOrCheck(input);
        return activate(input, preActivation(input, training), true);
    }

    @Override
    protected final Tensor call(Tensor input, boolean training) {
        return activate(input, preActivation(input, training), false);
    }

    private Tensor activate(Tensor input, Tensor pre, boolean inputDead) {
        // The pre-activation made here (not the input or a view of it) has no reader but the
        // activation; the input itself, neither, when the caller says so.
        boolean preDead = inputDead || !ArrayArena.shareBuffer(pre.value(), input.value());
        if (preDead && activation == Activations.RELU && pre.isResultUnreadByBackward()) {
            // Relu's backward reads only its result, and pre's own op does not read pre: one
            // array serves both, halving what a conv-relu or batchnorm-relu pair holds for a step.
            return ReluOp.applyOverwriting(pre);
        }
        // Without a tape nothing reads the pre-activation once the activation has run, so
        // inference hands it back to the arena instead of holding every layer's twice.
        boolean releasable = preDead && !GradMode.isEnabled();
        if (releasable && ELEMENTWISE.contains(activation.name())) {
            // These read element i to write element i: released first, the buffer is reused for
            // the activation's output, which then runs in place.
            ArrayArena.release(pre.value());
            return activation.apply(pre);
        }
        Tensor out = activation.apply(pre);
        if (releasable && !ArrayArena.shareBuffer(pre.value(), out.value())) {
            ArrayArena.release(pre.value());
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("activation", activation.name());
        return c;
    }

    @Override
    protected Layer configureFrom(Map<String, Object> config) {
        super.configureFrom(config);
        Object a = config.get("activation");
        activation(a == null ? null : a.toString());
        return this;
    }
}

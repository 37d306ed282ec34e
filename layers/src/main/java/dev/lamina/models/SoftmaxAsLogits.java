package dev.lamina.models;

import dev.lamina.core.Tensor;
import dev.lamina.layers.ActivatedLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;

/**
 * For a loss that fuses softmax with cross-entropy, runs a single-output model's last layer
 * without its softmax, so the trainer receives the logits.
 *
 * <p>Exact: the fused loss computes {@code -sum(y * log_softmax(z))} from the logits {@code z},
 * which is the cross-entropy of the softmax output without its clipping of probabilities to
 * [1e-7, 1 - 1e-7] (only reached when the model is confidently wrong; the fused form is the stable
 * one Keras uses with {@code from_logits=True}). The trainer applies the softmax itself for
 * metrics.
 */
final class SoftmaxAsLogits implements ExecutionPlan.Rewrite {

    @Override
    public ExecutionPlan.Match at(ExecutionPlan.Context c, int i) {
        Node n = c.nodes.get(i);
        if (!c.mode.logits() || !c.singleOutput() || !c.isOutput(n.output()) || n.inputs().size() != 1
                || !(n.layer() instanceof ActivatedLayer a) || !"softmax".equals(a.activation().name())) {
            return null;
        }
        return new ExecutionPlan.Match(new Step(a, c.slots(n), c.slot(n.output())), 1);
    }

    /** @return whether a model's single output comes from a softmax layer, so the rewrite can apply */
    static boolean appliesTo(Graph g) {
        if (g.outputs().size() != 1) {
            return false;
        }
        KerasTensor out = g.outputs().get(0);
        return !out.isInput() && out.inputs().size() == 1 && out.layer() instanceof ActivatedLayer a
                && "softmax".equals(a.activation().name());
    }

    private static final class Step extends ExecutionPlan.Step {
        private final ActivatedLayer layer;

        Step(ActivatedLayer layer, int[] in, int out) {
            super(in, out);
            this.layer = layer;
        }

        @Override
        Tensor run(Tensor[] slots, ExecutionPlan.Mode mode) {
            return layer.forwardLogits(slots[in[0]], mode.training());
        }

        @Override
        Layer layer() {
            return layer;
        }
    }
}

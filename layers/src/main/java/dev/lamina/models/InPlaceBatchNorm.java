package dev.lamina.models;

import dev.lamina.core.Tensor;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Layer;

/**
 * Without a tape, runs inference batch normalization over its input's own buffer when nothing
 * reads that input afterwards: the input's array goes back to the arena just before the layer runs,
 * and the arena hands it out again for the output.
 *
 * <p>Exact: inference batch normalization is {@code x * scale + offset} per element, reading
 * element {@code i} only to write element {@code i}, so writing over the input gives the same
 * values. It applies only at the input's last reader, never to a model input (the caller's array)
 * or output, and never with a tape (the backward pass would read the input); in a training pass
 * without a tape (a frozen backbone, whose layers normalise with their moving statistics, as
 * Keras' {@code training and trainable}) only while the layer is frozen.
 */
final class InPlaceBatchNorm implements ExecutionPlan.Rewrite {

    @Override
    public ExecutionPlan.Match at(ExecutionPlan.Context c, int i) {
        Node n = c.nodes.get(i);
        if (!c.mode.release() || !(n.layer() instanceof BatchNormalization)
                || n.inputs().size() != 1 || !c.diesAt(n.inputs().get(0), i)) {
            return null;
        }
        return new ExecutionPlan.Match(new Step(n, c.slots(n), c.slot(n.output())), 1);
    }

    private static final class Step extends ExecutionPlan.Step {
        private final Node node;

        Step(Node node, int[] in, int out) {
            super(in, out);
            this.node = node;
        }

        @Override
        Tensor run(Tensor[] slots, ExecutionPlan.Mode mode) {
            Tensor x = slots[in[0]];
            if (mode.training() && node.layer().isTrainable()) {
                // Training mode reads the input twice (statistics, then normalisation).
                return node.layer().forward(x, true);
            }
            slots[in[0]] = null;
            ExecutionPlan.releaseUnlessShared(x, slots);
            return node.layer().forward(x, false);
        }

        @Override
        Layer layer() {
            return node.layer();
        }
    }
}

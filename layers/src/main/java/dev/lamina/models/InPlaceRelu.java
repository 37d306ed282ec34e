package dev.lamina.models;

import dev.lamina.activations.Activations;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Activation;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;

/**
 * Runs an {@code Activation("relu")} layer over its input's own array when the layer is that
 * input's only reader: batch normalization's or an addition's output and the relu after it then
 * share one array, in training as in inference, where a step kept both (a ResNet's every block
 * does this three times).
 *
 * <p>Exact: relu reads element {@code i} only to write element {@code i}, its backward reads only
 * its result, and the layer checks at each call that the input's own op will not read the input
 * again ({@link Tensor#isResultUnreadByBackward()}). It applies only when nothing else reads the
 * input (so no other op's backward holds it), never to a model input or output, and not when a
 * value still held shares the input's array (a view made by another node).
 */
final class InPlaceRelu implements ExecutionPlan.Rewrite {

    @Override
    public ExecutionPlan.Match at(ExecutionPlan.Context c, int i) {
        Node n = c.nodes.get(i);
        if (!(n.layer() instanceof Activation a) || a.activation() != Activations.RELU || n.inputs().size() != 1) {
            return null;
        }
        KerasTensor input = n.inputs().get(0);
        if (c.readers(input) != 1 || c.isOutput(input) || c.isInput(input)) {
            return null;
        }
        return new ExecutionPlan.Match(new Step(a, c.slots(n), c.slot(n.output())), 1);
    }

    private static final class Step extends ExecutionPlan.Step {
        private final Activation layer;

        Step(Activation layer, int[] in, int out) {
            super(in, out);
            this.layer = layer;
        }

        @Override
        Tensor run(Tensor[] slots, ExecutionPlan.Mode mode) {
            Tensor x = slots[in[0]];
            slots[in[0]] = null;
            if (ExecutionPlan.sharesBuffer(x, slots)) {
                slots[in[0]] = x;
                return layer.forward(x, mode.training());
            }
            try {
                return layer.forwardOverwriting(x, mode.training());
            } catch (RuntimeException e) {
                // Back in its slot, so that the error names the input's shape.
                slots[in[0]] = x;
                throw e;
            }
        }

        @Override
        Layer layer() {
            return layer;
        }
    }
}

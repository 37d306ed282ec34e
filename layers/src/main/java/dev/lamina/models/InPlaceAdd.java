package dev.lamina.models;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Add;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import java.util.List;

/**
 * Runs an {@code Add} of two inputs over the array of an input that dies there: a residual
 * block's batch-normalised branch takes the sum in place of a new array, in training as in
 * inference.
 *
 * <p>Exact: addition reads element {@code i} only to write element {@code i}, and its backward
 * reads neither operand; the layer checks at each call that the overwritten input's own op will
 * not read it either ({@link Tensor#isResultUnreadByBackward()}) and that both have one shape. It
 * applies only to an input that nothing else reads (so no other op's backward holds it), never to
 * a model input or output, and not when a value still held shares its array.
 */
final class InPlaceAdd implements ExecutionPlan.Rewrite {

    @Override
    public ExecutionPlan.Match at(ExecutionPlan.Context c, int i) {
        Node n = c.nodes.get(i);
        if (n.layer().getClass() != Add.class || n.inputs().size() != 2) {
            return null;
        }
        // The second input first: in Keras' residual blocks it is the branch, the first the shortcut.
        for (int k = 1; k >= 0; k--) {
            KerasTensor input = n.inputs().get(k);
            if (diesHere(c, input)) {
                boolean otherDies = diesHere(c, n.inputs().get(1 - k));
                return new ExecutionPlan.Match(new Step((Add) n.layer(), k, otherDies, c.slots(n),
                        c.slot(n.output())), 1);
            }
        }
        return null;
    }

    /** Whether the add is the tensor's only reader and no caller sees it. */
    private static boolean diesHere(ExecutionPlan.Context c, KerasTensor t) {
        return c.readers(t) == 1 && !c.isOutput(t) && !c.isInput(t);
    }

    private static final class Step extends ExecutionPlan.Step {
        private final Add layer;
        private final int dead;
        private final boolean otherDies;

        Step(Add layer, int dead, boolean otherDies, int[] in, int out) {
            super(in, out);
            this.layer = layer;
            this.dead = dead;
            this.otherDies = otherDies;
        }

        @Override
        Tensor run(Tensor[] slots, ExecutionPlan.Mode mode) {
            int deadSlot = in[dead];
            Tensor x = slots[deadSlot];
            List<Tensor> inputs = List.of(slots[in[0]], slots[in[1]]);
            slots[deadSlot] = null;
            if (ExecutionPlan.sharesBuffer(x, slots)) {
                slots[deadSlot] = x;
                return layer.forward(inputs, mode.training());
            }
            Tensor sum;
            try {
                sum = layer.forwardOverwriting(inputs, dead, mode.training());
            } catch (RuntimeException e) {
                // Back in its slot, so that the error names the input's shape.
                slots[deadSlot] = x;
                throw e;
            }
            if (otherDies && !mode.release()) {
                releaseOther(slots, sum);
            }
            return sum;
        }

        /**
         * With a tape, hands the other input's array back to the arena too when nothing will read
         * it again: the add reads neither operand in its backward, and neither does the other
         * input's own op (the shortcut's batch normalization, in a residual block's first block).
         * Without a tape the plan releases dead values itself.
         */
        private void releaseOther(Tensor[] slots, Tensor sum) {
            int otherSlot = in[1 - dead];
            Tensor other = slots[otherSlot];
            if (!other.isResultUnreadByBackward() || ArrayArena.shareBuffer(other.value(), sum.value())) {
                return;
            }
            slots[otherSlot] = null;
            if (ExecutionPlan.sharesBuffer(other, slots)) {
                slots[otherSlot] = other;
                return;
            }
            ArrayArena.release(other.value());
        }

        @Override
        Layer layer() {
            return layer;
        }
    }
}

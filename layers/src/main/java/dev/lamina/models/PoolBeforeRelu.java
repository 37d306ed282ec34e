package dev.lamina.models;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.layers.ActivatedLayer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;

/**
 * Runs a relu layer followed by max pooling as the layer's pre-activation, the pooling, then relu,
 * so the activation touches a quarter of the elements (for 2x2 pooling).
 *
 * <p>Exact: relu is monotonic, so the maximum of relu'd values is the relu of the maximum, and the
 * pooled position is the same in both orders; where every value of a window is at most zero, both
 * orders give zero and a zero gradient. It applies only when nothing but the pooling reads the
 * relu's output and the two nodes run back to back.
 */
final class PoolBeforeRelu implements ExecutionPlan.Rewrite {

    @Override
    public ExecutionPlan.Match at(ExecutionPlan.Context c, int i) {
        if (i + 1 >= c.nodes.size()) {
            return null;
        }
        Node n = c.nodes.get(i);
        Node next = c.nodes.get(i + 1);
        if (!(n.layer() instanceof ActivatedLayer a) || !"relu".equals(a.activation().name())
                || n.inputs().size() != 1 || !(next.layer() instanceof MaxPooling2D)
                || next.inputs().size() != 1 || next.inputs().get(0) != n.output()
                || c.readers(n.output()) != 1 || c.isOutput(n.output())) {
            return null;
        }
        return new ExecutionPlan.Match(new Step(a, next.layer(), c.slots(n), c.slot(next.output())), 2);
    }

    private static final class Step extends ExecutionPlan.Step {
        private final ActivatedLayer activated;
        private final Layer pool;

        Step(ActivatedLayer activated, Layer pool, int[] in, int out) {
            super(in, out);
            this.activated = activated;
            this.pool = pool;
        }

        @Override
        Tensor run(Tensor[] slots, ExecutionPlan.Mode mode) {
            Tensor in = slots[this.in[0]];
            Tensor pre = activated.forwardLogits(in, mode.training());
            Tensor pooled = pool.forward(pre, mode.training());
            Tensor out = activated.activation().apply(pooled);
            if (mode.release()) {
                releaseUnlessShared(pre, in, pooled);
                releaseUnlessShared(pooled, in, out);
            }
            return out;
        }

        @Override
        Layer layer() {
            return activated;
        }

        private static void releaseUnlessShared(Tensor dead, Tensor a, Tensor b) {
            if (!ArrayArena.shareBuffer(dead.value(), a.value()) && !ArrayArena.shareBuffer(dead.value(), b.value())) {
                ArrayArena.release(dead.value());
            }
        }
    }
}

package dev.lamina.core;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.InPlace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass: reverse topological walk of the recorded graph, with gradient accumulation.
 * Its bookkeeping (order, visited set, pending gradients) is kept per thread and reused from pass
 * to pass: rebuilt on every training step it was a fifth of a step's Java garbage.
 */
final class Autograd {

    private static final ThreadLocal<Walk> WALKS = ThreadLocal.withInitial(Walk::new);

    private Autograd() {
    }

    static void run(Tensor root, INDArray gradOutput) {
        Walk shared = WALKS.get();
        // A backward rule that itself backpropagates gets a walk of its own.
        Walk walk = shared.inUse ? new Walk() : shared;
        walk.inUse = true;
        try {
            walk.run(root, gradOutput);
        } finally {
            walk.clear();
            walk.inUse = false;
        }
    }

    /** Finds whether any pending gradient shares the candidate's buffer. */
    private static final class SharingCheck implements BiConsumer<Tensor, INDArray> {
        INDArray candidate;
        boolean shared;

        @Override
        public void accept(Tensor pendingFor, INDArray pending) {
            if (!shared && ArrayArena.shareBuffer(candidate, pending)) {
                shared = true;
            }
        }
    }

    /** One thread's reusable state for a backward pass. */
    private static final class Walk {
        private final List<Tensor> order = new ArrayList<>();
        private final Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        private final Map<Tensor, INDArray> grads = new IdentityHashMap<>();
        /** The depth-first stack: a tensor and the index of its next input to visit. */
        private Tensor[] stackTensors = new Tensor[64];
        private int[] stackNext = new int[64];
        /** {@code needs} arrays by length, handed to the backward rules. */
        private boolean[][] needsByLength = new boolean[4][];
        /** Reused for every check: a lambda capturing the gradient would be garbage per node. */
        private final SharingCheck sharing = new SharingCheck();
        boolean inUse;

        void run(Tensor root, INDArray gradOutput) {
            topologicalOrder(root);
            grads.put(root, gradOutput);
            try {
                for (int i = order.size() - 1; i >= 0; i--) {
                    Tensor t = order.get(i);
                    INDArray g = grads.remove(t);
                    if (g != null) {
                        propagate(t, g);
                        if (t != root && t.isRecorded()) {
                            releaseUnlessShared(g);
                        }
                    }
                }
            } finally {
                for (int i = 0; i < order.size(); i++) {
                    order.get(i).release();
                }
            }
        }

        private void propagate(Tensor t, INDArray g) {
            if (!t.isRecorded()) {
                t.accumulateLeafGrad(g);
                return;
            }
            UnaryBackward unary = t.recordedUnaryBackward();
            if (unary != null) {
                // Recorded only because its input wants a gradient.
                pass(t, 0, t.recordedInput(0), unary.apply(g));
                return;
            }
            Tensor[] inputs = t.recordedInputs();
            boolean[] needs = needs(inputs.length);
            for (int k = 0; k < inputs.length; k++) {
                needs[k] = inputs[k] != null && inputs[k].requiresGrad();
            }
            INDArray[] inGrads = t.recordedBackward().apply(g, needs);
            if (inGrads.length != inputs.length) {
                throw new IllegalStateException("backward of " + t.recordedOp() + " returned " + inGrads.length
                        + " gradients for " + inputs.length + " inputs");
            }
            for (int k = 0; k < inputs.length; k++) {
                if (needs[k]) {
                    pass(t, k, inputs[k], inGrads[k]);
                }
            }
        }

        /** Adds the gradient {@code gk} that {@code t}'s rule gave its input {@code k} to that input's pending one. */
        private void pass(Tensor t, int k, Tensor input, INDArray gk) {
            if (gk == null) {
                throw new IllegalStateException("backward of " + t.recordedOp() + " gave no gradient for input " + k);
            }
            if (!Arrays.equals(gk.shape(), input.value().shape())) {
                throw new IllegalStateException("backward of " + t.recordedOp() + " gave a gradient of shape "
                        + Arrays.toString(gk.shape()) + " for input " + k + " of shape "
                        + Arrays.toString(input.value().shape()));
            }
            INDArray pending = grads.get(input);
            if (pending == null) {
                grads.put(input, gk);
                return;
            }
            // Fan-out: add into another array, since a backward rule may hand the same array to
            // several inputs (add passes its output gradient through to both); from the arena, as a
            // fresh array per step left a residual block's shortcut gradients to the garbage
            // collector and the resident set grew by gigabytes an epoch.
            INDArray sum = ArrayArena.uninitialized(pending.dataType(), pending.shape());
            grads.put(input, InPlace.sum(sum, pending, gk));
        }

        /**
         * Hands a consumed gradient back to the step's arena, so the gradients of earlier layers
         * reuse its memory instead of each step holding every layer's gradient at once: a ResNet50
         * training step held gigabytes that way. Not while a pending gradient shares its buffer (a
         * rule may pass its output gradient through, as add does, or reshape it).
         */
        private void releaseUnlessShared(INDArray g) {
            sharing.candidate = g;
            sharing.shared = false;
            grads.forEach(sharing);
            sharing.candidate = null;
            if (!sharing.shared) {
                ArrayArena.release(g);
            }
        }

        private boolean[] needs(int length) {
            if (length >= needsByLength.length) {
                needsByLength = Arrays.copyOf(needsByLength, length + 1);
            }
            if (needsByLength[length] == null) {
                needsByLength[length] = new boolean[length];
            }
            return needsByLength[length];
        }

        /** Depth-first post-order from the root over tensors that require gradients, without recursion. */
        private void topologicalOrder(Tensor root) {
            int depth = 0;
            push(depth++, root);
            visited.put(root, Boolean.TRUE);
            while (depth > 0) {
                Tensor t = stackTensors[depth - 1];
                int next = stackNext[depth - 1];
                int arity = t.isRecorded() ? t.recordedArity() : 0;
                if (next < arity) {
                    stackNext[depth - 1] = next + 1;
                    Tensor in = t.recordedInput(next);
                    if (in != null && in.requiresGrad() && visited.put(in, Boolean.TRUE) == null) {
                        push(depth++, in);
                    }
                } else {
                    stackTensors[--depth] = null;
                    order.add(t);
                }
            }
        }

        private void push(int depth, Tensor t) {
            if (depth == stackTensors.length) {
                stackTensors = Arrays.copyOf(stackTensors, depth * 2);
                stackNext = Arrays.copyOf(stackNext, depth * 2);
            }
            stackTensors[depth] = t;
            stackNext[depth] = 0;
        }

        /** Drops every reference the pass held, so that no tensor or array outlives it here. */
        void clear() {
            order.clear();
            visited.clear();
            grads.clear();
            Arrays.fill(stackTensors, null);
        }
    }
}

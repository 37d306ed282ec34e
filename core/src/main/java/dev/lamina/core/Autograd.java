package dev.lamina.core;

import dev.lamina.backend.AddressMap;
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

    /**
     * Backpropagates from {@code root}.
     *
     * @param root the tensor the gradient flows from
     * @param gradOutput its gradient
     * @param keep with releasing, the tensors whose values must outlive the pass; {@code null}
     *     for a pass that releases no forward value
     */
    static void run(Tensor root, INDArray gradOutput, Tensor[] keep) {
        Walk shared = WALKS.get();
        // A backward rule that itself backpropagates gets a walk of its own.
        Walk walk = shared.inUse ? new Walk() : shared;
        walk.inUse = true;
        try {
            walk.run(root, gradOutput, keep);
        } finally {
            walk.clear();
            walk.inUse = false;
        }
    }

    /** Finds whether any pending gradient shares the candidate's buffer. */
    private static final class SharingCheck implements BiConsumer<Tensor, INDArray> {
        INDArray candidate;
        Tensor except;
        boolean shared;

        @Override
        public void accept(Tensor pendingFor, INDArray pending) {
            if (!shared && pendingFor != except && ArrayArena.shareBuffer(candidate, pending)) {
                shared = true;
            }
        }
    }

    /** One thread's reusable state for a backward pass. */
    private static final class Walk {
        private final List<Tensor> order = new ArrayList<>();
        private final Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        private final Map<Tensor, INDArray> grads = new IdentityHashMap<>();
        /** With releasing: by buffer address, the tensor whose processing hands the buffer back. */
        private final AddressMap<Tensor> valueOwners = new AddressMap<>();
        /** Gradients the current node has used up, released once all its inputs have theirs. */
        private final List<INDArray> consumed = new ArrayList<>();
        /** The depth-first stack: a tensor and the index of its next input to visit. */
        private Tensor[] stackTensors = new Tensor[64];
        private int[] stackNext = new int[64];
        /** {@code needs} arrays by length, handed to the backward rules. */
        private boolean[][] needsByLength = new boolean[4][];
        /** Reused for every check: a lambda capturing the gradient would be garbage per node. */
        private final SharingCheck sharing = new SharingCheck();
        boolean inUse;

        void run(Tensor root, INDArray gradOutput, Tensor[] keep) {
            topologicalOrder(root);
            if (keep != null) {
                findValueOwners(root, keep);
            }
            grads.put(root, gradOutput);
            try {
                for (int i = order.size() - 1; i >= 0; i--) {
                    Tensor t = order.get(i);
                    // A value its own rule does not read is dead before the rule runs, which may
                    // then take its memory (batch normalization's scratch, its output's).
                    boolean early = keep != null && t.isResultUnreadByBackward();
                    if (early) {
                        releaseValueIfLast(t, root, keep);
                    }
                    INDArray g = grads.remove(t);
                    if (g != null) {
                        propagate(t, g);
                        // A leaf has copied its gradient into its own array by now.
                        if (t != root) {
                            consumed.add(g);
                        }
                        // Only once every input has its gradient: one array may go to several.
                        for (int c = 0; c < consumed.size(); c++) {
                            releaseUnlessShared(consumed.get(c));
                        }
                        consumed.clear();
                    }
                    if (keep != null && !early) {
                        releaseValueIfLast(t, root, keep);
                    }
                }
            } finally {
                for (int i = 0; i < order.size(); i++) {
                    order.get(i).release();
                }
            }
        }

        /**
         * For each buffer the recorded tensors' values use, the tensor processed last among those
         * sharing it (an in-place relu shares batch normalization's array, a reshape its input's):
         * the one that hands it back. Buffers of the root, of kept tensors, of leaves and of the
         * constants rules read map to those tensors first, which never hand anything back.
         */
        private void findValueOwners(Tensor root, Tensor[] keep) {
            valueOwners.put(AddressMap.addressOf(root.value()), root);
            for (Tensor k : keep) {
                if (k != null) {
                    valueOwners.put(AddressMap.addressOf(k.value()), k);
                }
            }
            for (int i = 0; i < order.size(); i++) {
                Tensor t = order.get(i);
                if (!t.isRecorded()) {
                    valueOwners.put(AddressMap.addressOf(t.value()), t);
                    continue;
                }
                // Constants a rule reads (a batch, a frozen backbone's output) are the caller's,
                // and so is any recorded view of them.
                for (int k = 0; k < t.recordedArity(); k++) {
                    Tensor in = t.recordedInput(k);
                    if (in != null && !in.requiresGrad()) {
                        valueOwners.put(AddressMap.addressOf(in.value()), in);
                    }
                }
            }
            // The walk runs from the end of the order to its start: the first tensor met here is
            // the last one processed.
            for (int i = 0; i < order.size(); i++) {
                long address = AddressMap.addressOf(order.get(i).value());
                if (!valueOwners.containsKey(address)) {
                    valueOwners.put(address, order.get(i));
                }
            }
        }

        /**
         * Hands a processed tensor's array back to the arena when no backward rule still to run
         * can read it: every reader of a value is processed before it (reverse topological order),
         * so once the last tensor sharing the buffer is processed, nothing reads it again. Forward
         * values of late layers then hold the gradients of early ones instead of new memory.
         */
        private void releaseValueIfLast(Tensor t, Tensor root, Tensor[] keep) {
            INDArray v = t.value();
            if (!t.isRecorded() || t == root || valueOwners.get(AddressMap.addressOf(v)) != t) {
                return;
            }
            for (Tensor k : keep) {
                if (k == t) {
                    return;
                }
            }
            ArrayArena.release(v);
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
            // Fan-out (a residual block's input): the pending gradient takes the new one in place
            // when it is the step's own array and no other pending gradient shares it (add passes
            // its output gradient through to both inputs, so one array may be pending twice);
            // otherwise the sum goes to another array. Either way what is consumed goes back to
            // the arena: kept to the step's end, a ResNet50 step held two activations' worth of
            // gradients per residual block.
            if (ArrayArena.isStepArray(pending) && !ArrayArena.shareBuffer(pending, gk)
                    && !sharedWithPending(pending, input)) {
                InPlace.add(pending, gk);
                consumed.add(gk);
                return;
            }
            INDArray sum = ArrayArena.uninitialized(pending.dataType(), pending.shape());
            grads.put(input, InPlace.sum(sum, pending, gk));
            consumed.add(pending);
            consumed.add(gk);
        }

        /**
         * Hands a consumed gradient back to the step's arena, so the gradients of earlier layers
         * reuse its memory instead of each step holding every layer's gradient at once: a ResNet50
         * training step held gigabytes that way. Not while a pending gradient shares its buffer (a
         * rule may pass its output gradient through, as add does, or reshape it).
         */
        private void releaseUnlessShared(INDArray g) {
            if (!sharedWithPending(g, null)) {
                ArrayArena.release(g);
            }
        }

        /** Whether a pending gradient, other than {@code except}'s, shares the array's buffer. */
        private boolean sharedWithPending(INDArray a, Tensor except) {
            sharing.candidate = a;
            sharing.except = except;
            sharing.shared = false;
            grads.forEach(sharing);
            sharing.candidate = null;
            sharing.except = null;
            return sharing.shared;
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
            consumed.clear();
            valueOwners.clear();
            visited.clear();
            grads.clear();
            Arrays.fill(stackTensors, null);
        }
    }
}

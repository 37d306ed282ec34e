package dev.lamina.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The backward pass: reverse topological walk of the recorded graph, with gradient accumulation. */
final class Autograd {

    private Autograd() {
    }

    static void run(Tensor root, INDArray gradOutput) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, INDArray> grads = new IdentityHashMap<>();
        grads.put(root, gradOutput);
        try {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                INDArray g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                Tensor.Node node = t.node();
                if (node == null) {
                    t.accumulateLeafGrad(g);
                    continue;
                }
                Tensor[] inputs = node.inputs();
                boolean[] needs = new boolean[inputs.length];
                for (int k = 0; k < inputs.length; k++) {
                    needs[k] = inputs[k] != null && inputs[k].requiresGrad();
                }
                INDArray[] inGrads = node.backward().apply(g, needs);
                if (inGrads.length != inputs.length) {
                    throw new IllegalStateException("backward of " + node.op() + " returned " + inGrads.length
                            + " gradients for " + inputs.length + " inputs");
                }
                for (int k = 0; k < inputs.length; k++) {
                    if (!needs[k]) {
                        continue;
                    }
                    INDArray gk = inGrads[k];
                    if (gk == null) {
                        throw new IllegalStateException("backward of " + node.op() + " gave no gradient for input " + k);
                    }
                    if (!Arrays.equals(gk.shape(), inputs[k].value().shape())) {
                        throw new IllegalStateException("backward of " + node.op() + " gave a gradient of shape "
                                + Arrays.toString(gk.shape()) + " for input " + k + " of shape "
                                + Arrays.toString(inputs[k].value().shape()));
                    }
                    // Fan-out: add into a new array, since a backward rule may hand the same array
                    // to several inputs (add passes its output gradient through to both).
                    grads.merge(inputs[k], gk, INDArray::add);
                }
            }
        } finally {
            for (Tensor t : order) {
                t.release();
            }
        }
    }

    /** Depth-first post-order from the root over tensors that require gradients, without recursion. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor.Node node = t.node();
            Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && visited.add(in)) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}

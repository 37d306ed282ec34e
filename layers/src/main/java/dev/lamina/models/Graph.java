package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A functional model's graph: its inputs, its outputs and the layer applications between them in an
 * order where every node comes after the nodes that produce its inputs (Keras orders by depth; any
 * topological order computes the same values). Immutable; built and checked once per model.
 */
final class Graph {

    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> nodes;

    private Graph(List<KerasTensor> inputs, List<KerasTensor> outputs, List<Node> nodes) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.nodes = nodes;
    }

    /**
     * The graph between these inputs and outputs, with Keras' errors: a missing tensor, an input given
     * twice, an output that cannot be computed from the inputs ("graph disconnected"). An input
     * computed by layers (a model cut from an inner tensor) gets a stand-in InputLayer of its shape,
     * and the layers after it are applied again to it, sharing their weights, as Keras 3's
     * {@code clone_graph_nodes} does. Symbolic tensors are immutable and name their inputs when made,
     * so no cycle can be built; the walk still refuses one rather than loop.
     */
    static Graph of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("A functional model needs at least one input and one output. Received: "
                    + "inputs=" + inputs + ", outputs=" + outputs);
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException("Input " + i + " of a functional model is null");
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == null) {
                throw new IllegalArgumentException("Output " + i + " of a functional model is null");
            }
        }
        if (!inputs.stream().allMatch(KerasTensor::isInput)) {
            Map<KerasTensor, KerasTensor> clones = new IdentityHashMap<>();
            List<KerasTensor> standIns = new ArrayList<>();
            for (KerasTensor t : inputs) {
                KerasTensor s = t.isInput() ? t : new InputLayer(dims(t)).apply();
                clones.putIfAbsent(t, s);
                standIns.add(s);
            }
            List<KerasTensor> outs = new ArrayList<>();
            for (KerasTensor t : outputs) {
                outs.add(reapply(t, clones));
            }
            inputs = standIns;
            outputs = outs;
        }
        Set<KerasTensor> in = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < inputs.size(); i++) {
            KerasTensor t = inputs.get(i);
            if (!in.add(t)) {
                throw new IllegalArgumentException("The list of inputs passed to the model contains the same input "
                        + "more than once: " + t);
            }
        }
        List<Node> order = new ArrayList<>();
        Map<KerasTensor, Boolean> state = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            visit(outputs.get(i), in, state, order, inputs);
        }
        return new Graph(List.copyOf(inputs), List.copyOf(outputs), List.copyOf(order));
    }

    /** The tensor computed as {@code t} is, from the stand-ins (shared layers applied again). */
    private static KerasTensor reapply(KerasTensor t, Map<KerasTensor, KerasTensor> clones) {
        KerasTensor c = clones.get(t);
        if (c != null) {
            return c;
        }
        if (t.isInput()) {
            // Not among the inputs: the walk reports the disconnected graph.
            return t;
        }
        List<KerasTensor> reads = new ArrayList<>();
        for (KerasTensor p : t.inputs()) {
            reads.add(reapply(p, clones));
        }
        c = t.layer().apply(reads);
        clones.put(t, c);
        return c;
    }

    private static int[] dims(KerasTensor t) {
        long[] s = t.shape();
        int[] d = new int[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            if (s[i] <= 0) {
                throw new IllegalArgumentException("Cannot start a model at " + t + ": its shape has an unknown "
                        + "dimension, so no InputLayer can stand in for it");
            }
            d[i - 1] = Math.toIntExact(s[i]);
        }
        return d;
    }

    /** Depth-first, post-order: a node joins the order after every producer of its inputs. */
    private static void visit(KerasTensor t, Set<KerasTensor> in, Map<KerasTensor, Boolean> state, List<Node> order,
            List<KerasTensor> inputs) {
        if (in.contains(t)) {
            return;
        }
        Boolean done = state.get(t);
        if (done != null) {
            if (!done) {
                throw new IllegalArgumentException("The graph has a cycle through layer \"" + t.layer().name() + "\"");
            }
            return;
        }
        if (t.isInput()) {
            throw new IllegalArgumentException("Graph disconnected: cannot obtain value for tensor " + t + " at layer \""
                    + t.layer().name() + "\": it is not among the model's inputs " + inputs + ", and no layer "
                    + "computes it from them");
        }
        state.put(t, false);
        for (KerasTensor p : t.inputs()) {
            visit(p, in, state, order, inputs);
        }
        state.put(t, true);
        order.add(new Node(t.layer(), t.inputs(), t));
    }

    List<KerasTensor> inputs() {
        return inputs;
    }

    List<KerasTensor> outputs() {
        return outputs;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** The layers: input layers first (in input order), then each applied layer once, in node order. */
    List<Layer> layers() {
        Set<Layer> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Layer> ordered = new ArrayList<>();
        for (KerasTensor t : inputs) {
            if (out.add(t.layer())) {
                ordered.add(t.layer());
            }
        }
        for (Node n : nodes) {
            if (out.add(n.layer())) {
                ordered.add(n.layer());
            }
        }
        return ordered;
    }

    /** @return how many nodes read each tensor (a tensor read twice by one node counts twice) */
    Map<KerasTensor, Integer> consumerCounts() {
        Map<KerasTensor, Integer> counts = new IdentityHashMap<>();
        for (Node n : nodes) {
            for (KerasTensor t : n.inputs()) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        return counts;
    }
}

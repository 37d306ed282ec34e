package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A functional model's graph: its inputs, its outputs and the layer applications between them,
 * ordered as Keras' {@code map_graph} orders them: by decreasing depth (distance from the outputs),
 * so every node comes after the nodes that produce its inputs, and the layers listed in Keras'
 * order. Immutable; built and checked once per model.
 */
final class Graph {

    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> nodes;
    private final List<Layer> layers;

    private Graph(List<KerasTensor> inputs, List<KerasTensor> outputs, List<Node> nodes, List<Layer> layers) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.nodes = nodes;
        this.layers = layers;
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
        // Keras' map_graph: a post-order walk from the outputs (each layer numbered when first met),
        // then depths from the outputs back, nodes run by decreasing depth and layers listed so.
        List<KerasTensor> post = new ArrayList<>();
        Map<KerasTensor, Boolean> state = new IdentityHashMap<>();
        Map<Layer, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            visit(outputs.get(i), in, state, post, index, inputs);
        }
        return byDepth(List.copyOf(inputs), List.copyOf(outputs), post, index);
    }

    private static Graph byDepth(List<KerasTensor> inputs, List<KerasTensor> outputs, List<KerasTensor> post,
            Map<Layer, Integer> index) {
        Map<KerasTensor, Integer> nodeDepth = new IdentityHashMap<>();
        List<KerasTensor> seen = new ArrayList<>();
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        for (int i = post.size() - 1; i >= 0; i--) {
            KerasTensor t = post.get(i);
            if (!nodeDepth.containsKey(t)) {
                nodeDepth.put(t, 0);
                seen.add(t);
            }
            int depth = Math.max(nodeDepth.get(t), layerDepth.getOrDefault(t.layer(), 0));
            layerDepth.put(t.layer(), depth);
            nodeDepth.put(t, depth);
            if (!inputs.contains(t)) {
                for (KerasTensor p : t.inputs()) {
                    Integer previous = nodeDepth.get(p);
                    if (previous == null) {
                        seen.add(p);
                    }
                    nodeDepth.put(p, Math.max(depth + 1, previous == null ? 0 : previous));
                }
            }
        }
        for (KerasTensor t : inputs) {
            if (!layerDepth.containsKey(t.layer())) {
                // An input no output reads: Keras lists it first, at depth 0.
                layerDepth.put(t.layer(), 0);
                index.put(t.layer(), -1);
            }
        }
        List<KerasTensor> ordered = new ArrayList<>(seen);
        // A stable sort: within a depth, nodes keep the order in which their depth was first set.
        ordered.sort((a, b) -> Integer.compare(nodeDepth.get(b), nodeDepth.get(a)));
        List<Node> nodes = new ArrayList<>();
        for (KerasTensor t : ordered) {
            if (!inputs.contains(t)) {
                nodes.add(new Node(t.layer(), t.inputs(), t));
            }
        }
        List<Layer> layers = new ArrayList<>(layerDepth.keySet());
        layers.sort((a, b) -> layerDepth.get(a).equals(layerDepth.get(b))
                ? Integer.compare(index.get(a), index.get(b)) : Integer.compare(layerDepth.get(b), layerDepth.get(a)));
        return new Graph(inputs, outputs, List.copyOf(nodes), List.copyOf(layers));
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

    /**
     * Depth-first, post-order (Keras' {@code _build_map}): a tensor joins {@code post} after every
     * tensor it is computed from; each layer is numbered when first met, from the outputs back.
     */
    private static void visit(KerasTensor t, Set<KerasTensor> in, Map<KerasTensor, Boolean> state,
            List<KerasTensor> post, Map<Layer, Integer> index, List<KerasTensor> inputs) {
        Boolean done = state.get(t);
        if (done != null) {
            if (!done) {
                throw new IllegalArgumentException("The graph has a cycle through layer \"" + t.layer().name() + "\"");
            }
            return;
        }
        if (!in.contains(t) && t.isInput()) {
            throw new IllegalArgumentException("Graph disconnected: cannot obtain value for tensor " + t + " at layer \""
                    + t.layer().name() + "\": it is not among the model's inputs " + inputs + ", and no layer "
                    + "computes it from them");
        }
        index.putIfAbsent(t.layer(), index.size());
        state.put(t, false);
        if (!in.contains(t)) {
            for (KerasTensor p : t.inputs()) {
                visit(p, in, state, post, index, inputs);
            }
        }
        state.put(t, true);
        post.add(t);
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

    /** The layers as Keras lists them: by decreasing depth (input layers first), then as first met from the outputs. */
    List<Layer> layers() {
        return layers;
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

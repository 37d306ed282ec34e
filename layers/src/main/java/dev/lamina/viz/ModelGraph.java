package dev.lamina.viz;

import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's layers as a drawable graph: one node per layer (as Keras' plot_model, a layer applied
 * twice is one box), nodes in execution order, edges from producer to consumer. A nested model is
 * a single node, since its tensor in the outer graph names the model itself as the layer.
 */
final class ModelGraph {

    /** One box: the layer, its title and its formatted shapes ({@code "?"} when unknown). */
    record Node(Layer layer, String title, String inputShape, String outputShape) {
    }

    final List<Node> nodes;
    /** Pairs {@code {from, to}} of node indices. */
    final List<int[]> edges;

    private ModelGraph(List<Node> nodes, List<int[]> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    static ModelGraph of(Model model) {
        return model.hasGraph() ? fromTensors(model) : fromLayers(model.layers());
    }

    /** A Sequential not built yet: a plain chain, shapes only where a layer was built on its own. */
    private static ModelGraph fromLayers(List<Layer> layers) {
        List<Node> nodes = new ArrayList<>();
        List<int[]> edges = new ArrayList<>();
        for (Layer l : layers) {
            long[] in = l.builtInputShape();
            String out = "?";
            if (in != null) {
                try {
                    out = Shapes.format(l.computeOutputShape(in));
                } catch (RuntimeException e) {
                    // A drawing must not fail because one layer cannot infer its shape on its own.
                    out = "?";
                }
            }
            if (!nodes.isEmpty()) {
                edges.add(new int[] {nodes.size() - 1, nodes.size()});
            }
            nodes.add(new Node(l, title(l), in == null ? "?" : Shapes.format(in), out));
        }
        return new ModelGraph(nodes, edges);
    }

    /** Walks back from the output to the input, then lists the applications in execution order. */
    private static ModelGraph fromTensors(Model model) {
        List<KerasTensor> inputs = model.inputs();
        List<KerasTensor> order = new ArrayList<>();
        Set<KerasTensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor out : model.outputs()) {
            collect(out, inputs, seen, order);
        }
        // Keras 3 draws a Sequential from model.layers, which leaves its InputLayer out.
        boolean skipInput = model instanceof Sequential;
        Map<Layer, Integer> index = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<int[]> edges = new ArrayList<>();
        Set<Long> seenEdges = new HashSet<>();
        for (KerasTensor t : order) {
            boolean isInput = inputs.contains(t);
            if (isInput && skipInput) {
                continue;
            }
            List<KerasTensor> parents = isInput ? List.of() : parents(t);
            String in = isInput ? Shapes.format(t.shape()) : joinShapes(parents);
            String out = Shapes.format(t.shape());
            Integer at = index.get(t.layer());
            if (at == null) {
                at = nodes.size();
                index.put(t.layer(), at);
                nodes.add(new Node(t.layer(), title(t.layer()), in, out));
            } else {
                Node old = nodes.get(at);
                // Keras shows "multiple" for a shared layer whose applications differ in shape.
                nodes.set(at, new Node(old.layer(), old.title(), old.inputShape().equals(in) ? in : "multiple",
                        old.outputShape().equals(out) ? out : "multiple"));
            }
            for (KerasTensor p : parents) {
                Integer from = index.get(p.layer());
                // A self-loop (a layer fed its own output) has no sensible arrow in a top-down drawing.
                if (from != null && from.intValue() != at.intValue() && seenEdges.add(((long) from << 32) | at)) {
                    edges.add(new int[] {from, at});
                }
            }
        }
        return new ModelGraph(nodes, edges);
    }

    /** Post-order depth-first walk, so every tensor comes after the tensors it is computed from. */
    private static void collect(KerasTensor t, List<KerasTensor> inputs, Set<KerasTensor> seen,
            List<KerasTensor> order) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (!inputs.contains(t)) {
            for (KerasTensor p : parents(t)) {
                collect(p, inputs, seen, order);
            }
        }
        order.add(t);
    }

    /** The tensors an application reads, several for a merge layer. */
    private static List<KerasTensor> parents(KerasTensor t) {
        return t.inputs();
    }

    private static String joinShapes(List<KerasTensor> parents) {
        if (parents.isEmpty()) {
            return "?";
        }
        List<String> s = new ArrayList<>();
        for (KerasTensor p : parents) {
            s.add(Shapes.format(p.shape()));
        }
        return s.size() == 1 ? s.get(0) : "[" + String.join(", ", s) + "]";
    }

    private static String title(Layer l) {
        return l.name() + " (" + l.className() + ")";
    }
}

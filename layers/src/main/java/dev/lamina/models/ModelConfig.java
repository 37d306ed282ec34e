package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configs of {@link Sequential} and functional {@link Model}s, as Keras writes them (Keras 2's
 * functional form, with {@code inbound_nodes}). Each layer appears as its {@link Layer#serialize()}
 * entry, a nested model with its own config, recursively.
 */
final class ModelConfig {

    private static final String INPUT_LAYER = "InputLayer";

    private ModelConfig() {
    }

    /**
     * {@code {"name", "trainable", "layers": [entry, ...]}}, led by an InputLayer entry when the first
     * layer does not declare the model's input shape itself; a layer added twice is written once and
     * then as {@code {"class_name", "shared_with": index}}.
     */
    static Map<String, Object> sequential(Sequential s) {
        List<Layer> layers = s.layers();
        List<Object> entries = new ArrayList<>();
        if (s.hasGraph() && needsInputLayer(s, layers)) {
            entries.add(inputEntry(s.input()));
        }
        Map<Layer, Integer> seen = new IdentityHashMap<>();
        for (Layer l : layers) {
            Integer first = seen.get(l);
            if (first != null) {
                // The same layer object added twice shares its weights; a second config would not.
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("class_name", l.className());
                e.put("shared_with", first);
                entries.add(e);
            } else {
                seen.put(l, entries.size());
                entries.add(l.serialize());
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", s.name());
        c.put("trainable", s.isTrainable());
        c.put("layers", entries);
        return c;
    }

    /** Whether the first layer's own declaration (as Sequential reads it) would not give the model's input shape. */
    private static boolean needsInputLayer(Sequential s, List<Layer> layers) {
        if (layers.isEmpty()) {
            return true;
        }
        Layer first = layers.get(0);
        long[] derivable = first instanceof Model m && m.hasGraph() ? m.input().shape() : first.declaredInputShape();
        return derivable == null || !Arrays.equals(derivable, s.input().shape());
    }

    /** An InputLayer entry for a model input: the input's own layer when it is one, else a stand-in. */
    private static Map<String, Object> inputEntry(KerasTensor input) {
        if (input.layer() instanceof InputLayer il) {
            return il.serialize();
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_name", INPUT_LAYER);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", "input_layer");
        c.put("trainable", true);
        List<Object> shape = new ArrayList<>();
        for (long d : input.shape()) {
            shape.add(d < 0 ? null : d);
        }
        c.put("batch_shape", shape);
        e.put("config", c);
        return e;
    }

    /**
     * {@code {"name", "trainable", "layers": [entry + "inbound_nodes"], "input_layers": [[name, 0,
     * 0], ...], "output_layers": [[name, node, 0], ...]}}: each layer's {@code inbound_nodes} holds one
     * list per application, each listing the {@code [producer, producer's node index, 0]} tensors it
     * reads.
     *
     * @throws IllegalStateException when two layers share a name (the file could not tell them apart)
     */
    static Map<String, Object> functional(Model m) {
        List<KerasTensor> inputs = m.inputs();
        List<KerasTensor> outputs = m.outputs();
        // Each tensor is known by its producer's name and the application's index in this model.
        Map<KerasTensor, List<Object>> producer = new IdentityHashMap<>();
        Set<String> unique = new HashSet<>();
        List<Object> entries = new ArrayList<>();
        List<Object> inputLayers = new ArrayList<>();
        for (KerasTensor in : inputs) {
            Map<String, Object> e = inputEntry(in);
            String inName = in.layer().name();
            requireUnique(m, inName, unique);
            e.put("inbound_nodes", List.of());
            entries.add(e);
            producer.put(in, List.of(inName, 0, 0));
            inputLayers.add(List.of(inName, 0, 0));
        }
        Map<Layer, List<Object>> applications = new IdentityHashMap<>();
        List<Layer> layerOrder = new ArrayList<>();
        // The graph's nodes come after the nodes that produce their inputs, as the rebuild needs.
        for (Node n : m.nodes()) {
            KerasTensor t = n.output();
            Layer l = t.layer();
            List<Object> apps = applications.computeIfAbsent(l, k -> {
                layerOrder.add(k);
                return new ArrayList<>();
            });
            List<Object> reads = new ArrayList<>();
            for (KerasTensor p : t.inputs()) {
                reads.add(producer.get(p));
            }
            apps.add(reads);
            producer.put(t, List.of(l.name(), apps.size() - 1, 0));
        }
        for (Layer l : layerOrder) {
            requireUnique(m, l.name(), unique);
            Map<String, Object> e = l.serialize();
            e.put("inbound_nodes", applications.get(l));
            entries.add(e);
        }
        List<Object> outputLayers = new ArrayList<>();
        for (KerasTensor t : outputs) {
            outputLayers.add(producer.get(t));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", m.name());
        c.put("trainable", m.isTrainable());
        c.put("layers", entries);
        c.put("input_layers", inputLayers);
        c.put("output_layers", outputLayers);
        return c;
    }

    private static void requireUnique(Model m, String name, Set<String> taken) {
        if (!taken.add(name)) {
            throw new IllegalStateException("two of its layers are named \"" + name + "\"; layer names in a "
                    + "functional model must be unique (rename one with name(...))");
        }
    }
}

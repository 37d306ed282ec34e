package dev.lamina.saving;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerRegistry;
import dev.lamina.layers.Weight;
import dev.lamina.models.KerasTensor;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A model's architecture as Keras-style JSON, and back.
 *
 * <p>Sequential: {@code {"class_name": "Sequential", "config": {"name", "trainable", "layers":
 * [{"class_name", "config", "seed_index"}]}}}, led by an {@code InputLayer} entry when the first
 * layer does not declare the input shape itself. Functional, as Keras 2 writes it: {@code
 * {"class_name": "Functional", "config": {"name", "trainable", "layers": [{"class_name", "config",
 * "seed_index", "inbound_nodes"}], "input_layers": [[name, 0, 0], ...], "output_layers": [[name,
 * node, 0], ...]}}}, where a layer's {@code inbound_nodes} holds one list per application of the
 * layer (a shared layer has several), each listing the {@code [producer, producer's node index, 0]}
 * tensors it reads (a merge layer reads several). Files of the chain-only format before it ({@code
 * "inbound": name}, or {@code "inbound_nodes": [[producer, node], ...]}) still load. A model used as
 * a layer appears as a layer entry with its own model config, recursively.
 *
 * <p>Rebuilding creates layers only through {@link LayerRegistry#fromConfig} (and Sequential and
 * functional models for nested entries): a class name from the file never reaches reflection.
 */
final class Architecture {

    /** The class name of a Sequential model in configs, as Keras writes it. */
    static final String SEQUENTIAL = "Sequential";
    /** The class name of a functional model in configs, as Keras writes it. */
    static final String FUNCTIONAL = "Functional";
    private static final String INPUT_LAYER = "InputLayer";

    private Architecture() {
    }

    // ---- model -> JSON ----

    /**
     * The model's entry: {@code {"class_name", "config", "seed_index"}}.
     *
     * @param model a Sequential or functional model
     * @return the entry
     * @throws IOException for a Model subclass, whose architecture cannot be rebuilt from configs,
     *     or a functional model with two layers of one name
     */
    static Map<String, Object> describe(Model model) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_name", model.className());
        e.put("config", modelConfig(model));
        e.put("seed_index", model.seedIndex());
        return e;
    }

    private static Map<String, Object> modelConfig(Model m) throws IOException {
        // Exact classes only: a subclass may override call() or hold state that configs cannot carry.
        if (m.getClass() == Sequential.class) {
            return sequentialConfig((Sequential) m);
        }
        if (m.getClass() == Model.class) {
            return functionalConfig(m);
        }
        throw new IOException("Cannot save the architecture of model \"" + m.name() + "\": "
                + m.getClass().getName() + " is a subclass of Model, and only Sequential and functional models can "
                + "be rebuilt from a file. Save its weights with ModelIO.saveWeights and build the model in code.");
    }

    private static Map<String, Object> layerEntry(Layer l) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        if (l instanceof Model nested) {
            e.put("class_name", nested.className());
            e.put("config", modelConfig(nested));
        } else {
            e.put("class_name", l.className());
            e.put("config", l.getConfig());
        }
        e.put("seed_index", l.seedIndex());
        long[] random = l.randomState();
        if (random != null) {
            // The layer's seed generator: a resumed run continues its sequence.
            e.put("random_state", List.of(random[0], random[1]));
        }
        return e;
    }

    private static Map<String, Object> sequentialConfig(Sequential s) throws IOException {
        List<Layer> layers = s.layers();
        List<Object> entries = new ArrayList<>();
        if (s.hasGraph() && needsInputLayer(s, layers)) {
            entries.add(inputEntry(s.input(), null));
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
                entries.add(layerEntry(l));
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

    /** An InputLayer entry for a model input: the input's own layer when it is one, else a synthetic one. */
    private static Map<String, Object> inputEntry(KerasTensor input, String syntheticName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_name", INPUT_LAYER);
        if (syntheticName == null && input.layer() instanceof InputLayer il) {
            e.put("config", il.getConfig());
            e.put("seed_index", il.seedIndex());
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", syntheticName != null ? syntheticName : "input_layer");
            c.put("trainable", true);
            List<Object> shape = new ArrayList<>();
            for (long d : input.shape()) {
                shape.add(d < 0 ? null : d);
            }
            c.put("batch_shape", shape);
            e.put("config", c);
        }
        return e;
    }

    private static Map<String, Object> functionalConfig(Model m) throws IOException {
        List<KerasTensor> inputs = m.inputs();
        List<KerasTensor> outputs = m.outputs();
        List<KerasTensor> order = new ArrayList<>();
        Set<KerasTensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor t : outputs) {
            collect(t, inputs, seen, order);
        }
        // Each tensor is known by its producer's name and the application's index in this model.
        Map<KerasTensor, List<Object>> producer = new IdentityHashMap<>();
        Set<String> unique = new HashSet<>();
        List<Object> entries = new ArrayList<>();
        List<Object> inputLayers = new ArrayList<>();
        for (KerasTensor in : inputs) {
            Map<String, Object> e = inputEntry(in, null);
            String inName = in.layer().name();
            requireUnique(m, inName, unique);
            e.put("inbound_nodes", List.of());
            entries.add(e);
            producer.put(in, List.of(inName, 0, 0));
            inputLayers.add(List.of(inName, 0, 0));
        }
        Map<Layer, List<Object>> applications = new IdentityHashMap<>();
        List<Layer> layerOrder = new ArrayList<>();
        for (KerasTensor t : order) {
            if (producer.containsKey(t)) {
                continue;
            }
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
            Map<String, Object> e = layerEntry(l);
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

    private static void requireUnique(Model m, String name, Set<String> taken) throws IOException {
        if (!taken.add(name)) {
            throw new IOException("Cannot save model \"" + m.name() + "\": two of its layers are named \""
                    + name + "\"; layer names in a functional model must be unique (rename one with name(...))");
        }
    }

    /** Post-order depth-first walk from an output: every tensor after the tensors it is computed from. */
    private static void collect(KerasTensor t, List<KerasTensor> inputs, Set<KerasTensor> seen,
            List<KerasTensor> order) {
        if (!seen.add(t)) {
            return;
        }
        if (!inputs.contains(t)) {
            for (KerasTensor p : t.inputs()) {
                collect(p, inputs, seen, order);
            }
        }
        order.add(t);
    }

    private static String uniqueName(String base, Set<String> taken) {
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    // ---- JSON -> model ----

    /** A rebuilt layer with the config it came from, to restore trainable flags once everything exists. */
    private record Built(Layer layer, Map<String, Object> config, List<Built> children) {
    }

    /** State of one rebuild: messages, limits, and the weight budget the file declares. */
    static final class Context {
        private final Json json;
        private final Limits limits;
        private final long declaredElements;
        private final Set<Weight> counted = Collections.newSetFromMap(new IdentityHashMap<>());
        private long builtElements;

        /**
         * @param json messages name config.json
         * @param limits the caps
         * @param declaredElements the number of weight values the file's weight list declares
         */
        Context(Json json, Limits limits, long declaredElements) {
            this.json = json;
            this.limits = limits;
            this.declaredElements = declaredElements;
        }

        /**
         * Stops a config that builds more weight values than the file carries, right after the
         * layer that does it, before any weight data is read.
         */
        private void account(Layer l, String where) throws ModelFormatException {
            for (Weight w : l.weights()) {
                if (counted.add(w)) {
                    builtElements += w.value().length();
                }
            }
            if (builtElements > declaredElements) {
                throw json.fail(where + ": the architecture builds more weight values (" + builtElements
                        + " so far) than the file's weight list declares (" + declaredElements + ")");
            }
        }
    }

    /**
     * Rebuilds a model from its entry, then restores every trainable flag.
     *
     * @param entry the {@code "model"} entry of config.json
     * @param ctx the rebuild's state
     * @return the model, built when the file's was
     * @throws ModelFormatException naming the offending layer entry
     */
    static Model rebuild(Map<String, Object> entry, Context ctx) throws ModelFormatException {
        Built b = rebuildModel(entry, "model", 0, ctx);
        restoreFlags(b, ctx.json);
        return (Model) b.layer();
    }

    private static Built rebuildModel(Map<String, Object> entry, String where, int depth, Context ctx)
            throws ModelFormatException {
        Json j = ctx.json;
        if (depth > ctx.limits.maxNesting()) {
            throw j.fail(where + ": models nested more than " + ctx.limits.maxNesting() + " deep");
        }
        String cls = j.string(entry, "class_name", where);
        Map<String, Object> config = j.object(entry, "config", where);
        Built b;
        if (SEQUENTIAL.equals(cls)) {
            b = rebuildSequential(config, where, depth, ctx);
        } else if (FUNCTIONAL.equals(cls)) {
            b = rebuildFunctional(config, where, depth, ctx);
        } else {
            throw j.fail(where + ": a model's class_name must be \"Sequential\" or \"Functional\", found \""
                    + ArchiveReader.printable(cls) + "\"");
        }
        setSeedIndex(b.layer(), entry, where, j);
        return b;
    }

    private static Built rebuildLayer(Map<String, Object> entry, String where, int depth, Context ctx)
            throws ModelFormatException {
        Json j = ctx.json;
        String cls = j.string(entry, "class_name", where);
        if (SEQUENTIAL.equals(cls) || FUNCTIONAL.equals(cls)) {
            return rebuildModel(entry, where, depth + 1, ctx);
        }
        Map<String, Object> config = j.object(entry, "config", where);
        Layer l;
        try {
            // The only way a layer comes into being from a file: the fixed registry, by exact name.
            l = LayerRegistry.fromConfig(cls, new LinkedHashMap<>(config));
        } catch (RuntimeException e) {
            throw j.fail(where + ": layer class \"" + ArchiveReader.printable(cls) + "\" cannot be rebuilt: "
                    + e.getMessage(), e);
        }
        if (l == null) {
            throw j.fail(where + ": the registry returned no layer for \"" + ArchiveReader.printable(cls) + "\"");
        }
        // Before the layer is built or called: its initializer and dropout seeds derive from it.
        setSeedIndex(l, entry, where, j);
        if (entry.get("random_state") != null) {
            long[] state = j.longs(entry, "random_state", where);
            if (state.length != 2 || state[1] < 0) {
                throw j.fail(where + ": random_state must be [seed, counter] with a counter of at least 0, found "
                        + java.util.Arrays.toString(state));
            }
            l.randomState(state);
        }
        return new Built(l, config, List.of());
    }

    private static void setSeedIndex(Layer l, Map<String, Object> entry, String where, Json j)
            throws ModelFormatException {
        if (entry.get("seed_index") != null) {
            l.seedIndex(j.integer(entry, "seed_index", where));
        }
    }

    private static Built rebuildSequential(Map<String, Object> config, String where, int depth, Context ctx)
            throws ModelFormatException {
        Json j = ctx.json;
        Sequential s = new Sequential();
        String name = j.string(config, "name", where);
        guard(j, where, () -> s.name(name));
        List<?> entries = j.list(config, "layers", where);
        List<Layer> layers = new ArrayList<>();
        List<Built> children = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = where + ".layers[" + i + "]";
            Map<String, Object> e = j.object(entries.get(i), at);
            Layer l;
            if (e.get("shared_with") != null) {
                long k = j.integer(e, "shared_with", at);
                if (k < 0 || k >= i || layers.get((int) k) instanceof InputLayer) {
                    throw j.fail(at + ": shared_with=" + k + " does not name an earlier layer");
                }
                l = layers.get((int) k);
            } else {
                Built b = rebuildLayer(e, at, depth, ctx);
                l = b.layer();
                children.add(b);
            }
            guard(j, at + " (\"" + l.name() + "\")", () -> s.add(l));
            ctx.account(l, at);
            layers.add(l);
        }
        return new Built(s, config, children);
    }

    private static Built rebuildFunctional(Map<String, Object> config, String where, int depth, Context ctx)
            throws ModelFormatException {
        Json j = ctx.json;
        String name = j.string(config, "name", where);
        List<?> entries = j.list(config, "layers", where);
        Map<String, Layer> byName = new LinkedHashMap<>();
        Map<String, String> entryOf = new HashMap<>();
        Map<Layer, List<List<List<Object>>>> apps = new IdentityHashMap<>();
        List<Built> children = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = where + ".layers[" + i + "]";
            Map<String, Object> e = j.object(entries.get(i), at);
            Built b = rebuildLayer(e, at, depth, ctx);
            Layer l = b.layer();
            children.add(b);
            if (byName.put(l.name(), l) != null) {
                throw j.fail(at + ": a second layer named \"" + l.name() + "\"");
            }
            entryOf.put(l.name(), at);
            apps.put(l, inboundOf(e, at, j));
        }
        List<List<Object>> inKeys = endpoints(config, "input_layers", where, j);
        List<List<Object>> outKeys = endpoints(config, "output_layers", where, j);
        Map<List<Object>, KerasTensor> tensors = new HashMap<>();
        List<KerasTensor> ins = new ArrayList<>();
        for (List<Object> key : inKeys) {
            Layer inLayer = byName.get((String) key.get(0));
            if (!(inLayer instanceof InputLayer) || !apps.get(inLayer).isEmpty() || (Long) key.get(1) != 0) {
                throw j.fail(where + ": input_layers must name InputLayers without inbound, found "
                        + ArchiveReader.printable(key.toString()));
            }
            KerasTensor t = guard(j, entryOf.get(inLayer.name()), () -> inLayer.apply());
            tensors.put(key, t);
            ins.add(t);
        }
        // Keras' way: apply each layer's next application as soon as every tensor it reads exists,
        // pass after pass, so any order of entries rebuilds any acyclic graph.
        Map<Layer, Integer> done = new IdentityHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Layer l : byName.values()) {
                List<List<List<Object>>> a = apps.get(l);
                int n = done.getOrDefault(l, 0);
                if (n >= a.size() || !a.get(n).stream().allMatch(tensors::containsKey)) {
                    continue;
                }
                List<KerasTensor> reads = a.get(n).stream().map(tensors::get).toList();
                String at = entryOf.get(l.name());
                KerasTensor t = guard(j, at + " (\"" + l.name() + "\")", () -> l.apply(reads));
                ctx.account(l, at);
                tensors.put(List.of(l.name(), (long) n), t);
                done.put(l, n + 1);
                progress = true;
            }
        }
        for (Map.Entry<Layer, List<List<List<Object>>>> e : apps.entrySet()) {
            if (done.getOrDefault(e.getKey(), 0) != e.getValue().size()) {
                throw j.fail(entryOf.get(e.getKey().name()) + ": layer \"" + e.getKey().name()
                        + "\" is not connected to the inputs " + inKeys + " (it reads a tensor no layer produces)");
            }
            if (e.getValue().isEmpty() && !(e.getKey() instanceof InputLayer)) {
                throw j.fail(entryOf.get(e.getKey().name()) + ": layer \"" + e.getKey().name() + "\" has no inbound layer");
            }
        }
        List<KerasTensor> outs = new ArrayList<>();
        for (List<Object> key : outKeys) {
            KerasTensor t = tensors.get(key);
            if (t == null) {
                throw j.fail(where + ": output_layers names " + ArchiveReader.printable(key.toString())
                        + ", which no layer of the graph produces");
            }
            outs.add(t);
        }
        Model m = guard(j, where, () -> new Model(ins, outs));
        guard(j, where, () -> m.name(name));
        return new Built(m, config, children);
    }

    /**
     * The applications of one layer entry, each the list of {@code [producer name, producer node]}
     * keys it reads. Reads this format ({@code inbound_nodes: [[[name, node, 0], ...], ...]}) and the
     * chain-only formats before it ({@code inbound: name}, or {@code inbound_nodes: [[name, node], ...]}).
     */
    private static List<List<List<Object>>> inboundOf(Map<String, Object> e, String at, Json j)
            throws ModelFormatException {
        List<List<List<Object>>> out = new ArrayList<>();
        if (e.get("inbound_nodes") != null) {
            List<?> nodes = j.list(e, "inbound_nodes", at);
            for (int n = 0; n < nodes.size(); n++) {
                String where = at + ".inbound_nodes[" + n + "]";
                List<?> node = j.list(nodes.get(n), where);
                if (node.size() == 2 && node.get(0) instanceof String producer) {
                    out.add(List.of(List.of(producer, j.integer(node.get(1), where + "[1]"))));
                    continue;
                }
                List<List<Object>> reads = new ArrayList<>();
                for (int k = 0; k < node.size(); k++) {
                    reads.add(tensorKey(node.get(k), where + "[" + k + "]", j));
                }
                if (reads.isEmpty()) {
                    throw j.fail(where + " reads no tensor");
                }
                out.add(reads);
            }
        } else {
            String producer = j.optionalString(e, "inbound", at);
            if (producer != null) {
                out.add(List.of(List.of(producer, 0L)));
            }
        }
        return out;
    }

    /** A {@code [layer name, node index, tensor index]} triple as a {@code [name, node]} key. */
    private static List<Object> tensorKey(Object value, String where, Json j) throws ModelFormatException {
        List<?> t = j.list(value, where);
        if (t.size() != 3 || !(t.get(0) instanceof String layer)) {
            throw j.fail(where + " must be [layer name, node index, tensor index]");
        }
        if (j.integer(t.get(2), where + "[2]") != 0) {
            throw j.fail(where + ": tensor index " + t.get(2) + " (every layer has one output)");
        }
        return List.of(layer, j.integer(t.get(1), where + "[1]"));
    }

    /** {@code input_layers}/{@code output_layers}: a non-empty list of {@code [name, node, 0]}. */
    private static List<List<Object>> endpoints(Map<String, Object> config, String key, String where, Json j)
            throws ModelFormatException {
        List<?> list = j.list(config, key, where);
        if (list.isEmpty()) {
            throw j.fail(where + ": " + key + " is empty");
        }
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(tensorKey(list.get(i), where + "." + key + "[" + i + "]", j));
        }
        return out;
    }

    /**
     * Runs a model operation, turning its argument errors (a layer that does not fit its input) and
     * an out-of-memory refusal into a message naming the entry. The out-of-memory case is a single
     * oversized request that the native allocator refuses before allocating, so the JVM is healthy.
     */
    private static <T> T guard(Json j, String where, Supplier<T> op) throws ModelFormatException {
        try {
            return op.get();
        } catch (OutOfMemoryError e) {
            throw j.fail(where + ": the layer needs more memory than is available (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw j.fail(where + ": " + e.getMessage(), e);
        }
    }

    private static void restoreFlags(Built b, Json j) throws ModelFormatException {
        // Model.setTrainable propagates to every layer, so the model goes first and each child after
        // it, recursively, which puts back individually frozen layers.
        boolean flag = j.bool(b.config(), "trainable", true, "trainable");
        b.layer().setTrainable(flag);
        for (Built c : b.children()) {
            restoreFlags(c, j);
        }
    }
}

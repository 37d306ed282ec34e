package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerRegistry;
import dev.lamina.layers.Weight;
import dev.lamina.layers.WeightBudget;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.saving.ArchiveReader;
import dev.lamina.saving.Json;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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

    private Architecture() {
    }

    // ---- model -> JSON ----

    /**
     * The model's entry, {@link Layer#serialize()}: {@code {"class_name", "config", "seed_index"}},
     * with the model's own config ({@link Model#getConfig()}, {@link Sequential#getConfig()}).
     *
     * @param model a Sequential or functional model
     * @return the entry
     * @throws IOException for a Model subclass, whose architecture cannot be rebuilt from configs,
     *     or a functional model with two layers of one name
     */
    static Map<String, Object> describe(Model model) throws IOException {
        requireRebuildable(model);
        try {
            return model.serialize();
        } catch (IllegalStateException e) {
            throw new IOException("Cannot save model \"" + model.name() + "\": " + e.getMessage(), e);
        }
    }

    /** Exact classes only, nested models too: a subclass may override call() or hold state that configs cannot carry. */
    static void requireRebuildable(Model m) throws IOException {
        if (m.getClass() != Sequential.class && m.getClass() != Model.class) {
            throw new IOException("Cannot save the architecture of model \"" + m.name() + "\": "
                    + m.getClass().getName() + " is a subclass of Model, and only Sequential and functional models "
                    + "can be rebuilt from a file. Save its weights with ModelIO.saveWeights and build the model in "
                    + "code.");
        }
        for (Layer l : m.layers()) {
            if (l instanceof Model nested) {
                requireRebuildable(nested);
            }
        }
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
        // Checked again before each weight is allocated, not only after each layer is built: a
        // config asking for a huge layer fails before its memory is taken.
        try (WeightBudget budget = WeightBudget.open(ctx.declaredElements,
                "the file's weight list declares, so the architecture builds more weight values")) {
            Built b = rebuildModel(entry, "model", 0, ctx);
            restoreFlags(b, ctx.json, true);
            return (Model) b.layer();
        }
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
                        + Arrays.toString(state));
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

    private static void restoreFlags(Built b, Json j, boolean inherited) throws ModelFormatException {
        // Model.setTrainable propagates to every layer, so the model goes first and each child after
        // it, recursively, which puts back individually frozen layers. A layer whose config has no
        // flag (Keras' InputLayer) keeps its model's, as Keras' propagation leaves it.
        boolean flag = j.bool(b.config(), "trainable", inherited, "trainable");
        b.layer().setTrainable(flag);
        for (Built c : b.children()) {
            restoreFlags(c, j, flag);
        }
    }
}

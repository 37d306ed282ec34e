package dev.lamina.models;

import dev.lamina.core.io.Npy;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.metrics.Metric;
import dev.lamina.metrics.Metrics;
import dev.lamina.models.Model;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import dev.lamina.saving.ArchiveReader;
import dev.lamina.saving.ArchiveWriter;
import dev.lamina.saving.Json;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFileFormat;
import dev.lamina.saving.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a model to one file and loads it back: Keras' {@code model.save} / {@code load_model}, and
 * {@code save_weights} / {@code load_weights}.
 *
 * <pre>{@code
 * ModelIO.save(model, Path.of("mnist.lamina"));
 * Model again = ModelIO.load(Path.of("mnist.lamina"));   // compiled, ready to predict or fit on
 * }</pre>
 *
 * <p>The file is a zip:
 * <ul>
 *   <li>{@code config.json}: {@code format_version}, {@code lamina_version}, the architecture
 *       ({@code "model"}: Keras-style class names and layer configs with each layer's seed index),
 *       the weight list ({@code "weights"}: path, entry and shape of each weight, in
 *       {@code model.weights()} order), the compile settings ({@code "compile_config"}: optimizer
 *       config, loss and metric names) and the optimizer state ({@code "optimizer_state"}:
 *       iterations and the entry of each slot array);</li>
 *   <li>{@code weights/<layer path>/<weight name>.npy}: each weight's value;</li>
 *   <li>{@code optimizer/<layer path>/<weight name>/<slot name>.npy}: each optimizer slot;</li>
 *   <li>{@code manifest.json}: the SHA-256 of every other entry.</li>
 * </ul>
 * A loaded model continues training exactly where the saved one stopped: with the same
 * {@code Lamina.setSeed}, {@code fit(x, y, FitOptions.epochs(n).initialEpoch(k))} after loading a
 * model saved after epoch {@code k} gives the same weights as an uninterrupted run.
 *
 * <p>Saving writes a temporary file in the target's folder and renames it over the target, so a
 * crash mid-write leaves the previous file intact. Loading treats the file as untrusted: see
 * {@link ModelFormatException} for what is checked.
 */
public final class ModelIO {

    /** The version of the file format this Lamina writes; it reads this one and older. */
    public static final int FORMAT_VERSION = 1;

    static final String CONFIG = "config.json";
    private static final String KIND_MODEL = "model";
    private static final String KIND_WEIGHTS = "weights";
    /** Room for a .npy header (at most 65,535 bytes in version 1.0) beside the data. */
    private static final long NPY_HEADER_ALLOWANCE = 65_536 + 16;
    /** The widest element an accepted .npy may have (float64). */
    private static final int MAX_WIDTH = 8;
    /** The narrowest floating-point type a weight entry may hold (float16), in bytes. */
    private static final int MIN_WIDTH = 2;
    /** The npy magic, version and header length, before the header's dictionary. */
    private static final int MIN_NPY_HEADER = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ModelIO.class);
    private static final String LAMINA_VERSION = laminaVersion();

    private ModelIO() {
    }

    // ---- saving ----

    /**
     * Saves the architecture, weights, compile settings and optimizer state to one file, replacing
     * it atomically.
     *
     * @param model a Sequential or functional model (nested models included), built or not
     * @param path the file, conventionally {@code *.lamina}; its folder is created when missing. A
     *     name ending {@code .keras} writes Keras 3's zip instead (with the optimizer state, as
     *     Keras writes it), {@code .h5} or {@code .hdf5} Keras 2's legacy HDF5 (without optimizer
     *     state); both with nested models too
     * @throws IOException when writing fails (the previous file, if any, is then unchanged), or the
     *     model is a Model subclass or has two layers of one name in a functional graph
     */
    public static void save(Model model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        switch (KerasModelWriter.Format.of(path, false)) {
            case KERAS -> {
                KerasModelWriter.saveKeras(model, path);
                return;
            }
            case LEGACY_H5 -> {
                KerasModelWriter.saveH5(model, path);
                return;
            }
            default -> {
                // Lamina's own zip, below.
            }
        }
        Map<String, Object> root = header(KIND_MODEL);
        root.put("model", Architecture.describe(model));
        List<Entry> weights = weightEntries(model);
        root.put("weights", describe(weights));
        List<SlotEntry> slots = List.of();
        if (model.isCompiled()) {
            // The optimizer writes its own variables: the step counter and each weight's slots.
            Map<String, INDArray> own = new LinkedHashMap<>();
            model.optimizer().saveOwnVariables(weights.stream().map(e -> e.weight().value()).toList(), own);
            long iterations = own.remove("iterations").getLong(0);
            slots = slotEntries(own, weights);
            root.put("compile_config", compileConfig(model));
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("iterations", iterations);
            List<Object> list = new ArrayList<>();
            for (SlotEntry s : slots) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("weight", s.weight());
                m.put("name", s.name());
                m.put("entry", s.entry());
                list.add(m);
            }
            state.put("slots", list);
            root.put("optimizer_state", state);
        } else {
            root.put("compile_config", null);
        }
        // Serialized before the temporary file exists: a config Jackson cannot write fails cleanly.
        byte[] config = Json.write(root);
        try (ArchiveWriter w = new ArchiveWriter(path)) {
            w.put(CONFIG, config);
            for (Entry e : weights) {
                w.put(e.entry(), out -> Npy.write(e.value(), out));
            }
            for (SlotEntry s : slots) {
                w.put(s.entry(), out -> Npy.write(s.value(), out));
            }
            w.commit();
        }
    }

    /**
     * Saves only the weights, in {@code model.weights()} order, replacing the file atomically.
     *
     * @param model any model (a Model subclass too)
     * @param path the file; {@code *.weights.h5} writes Keras 3's weights file, another {@code .h5}
     *     or {@code .hdf5} Keras 2's {@code save_weights} layout
     * @throws IOException when writing fails (the previous file, if any, is then unchanged), or the
     *     name ends {@code .keras} (a whole model's format)
     */
    public static void saveWeights(Model model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        switch (KerasModelWriter.Format.of(path, true)) {
            case KERAS -> throw new IOException("Cannot save weights only to " + path + ": a .keras file holds a whole "
                    + "model (use save), Keras' weights-only file is named *.weights.h5");
            case KERAS3_WEIGHTS -> {
                KerasModelWriter.saveKeras3Weights(model, path);
                return;
            }
            case LEGACY_H5 -> {
                KerasModelWriter.saveLegacyWeights(model, path);
                return;
            }
            default -> {
                // Lamina's own zip, below.
            }
        }
        Map<String, Object> root = header(KIND_WEIGHTS);
        List<Entry> weights = weightEntries(model);
        root.put("weights", describe(weights));
        byte[] config = Json.write(root);
        try (ArchiveWriter w = new ArchiveWriter(path)) {
            w.put(CONFIG, config);
            for (Entry e : weights) {
                w.put(e.entry(), out -> Npy.write(e.value(), out));
            }
            w.commit();
        }
    }

    private static Map<String, Object> header(String kind) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", FORMAT_VERSION);
        root.put("lamina_version", LAMINA_VERSION);
        root.put("kind", kind);
        return root;
    }

    private static Map<String, Object> compileConfig(Model model) {
        Optimizer o = model.optimizer();
        if (o.schedule() != null) {
            // getConfig() has no place for a schedule: the loaded optimizer gets a constant rate.
            LOG.warn("Model \"{}\": the optimizer's learning-rate schedule ({}) is not saved; the loaded model "
                    + "uses the constant learning rate {}", model.name(), o.schedule().getClass().getSimpleName(),
                    o.learningRate());
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", o.getConfig());
        List<Loss> losses = model.losses();
        // Keras' loss and loss_weights dicts: the output layer's name to its loss or weight.
        c.put("loss", losses.size() == 1 ? losses.get(0).name() : byOutput(model, k -> losses.get(k).name()));
        double[] weights = model.lossWeights();
        if (weights != null) {
            c.put("loss_weights", byOutput(model, k -> weights[k]));
        }
        List<String> metrics = new ArrayList<>();
        for (Object m : model.compiledMetrics()) {
            metrics.add(m instanceof Metric metric ? metric.name() : m.toString());
        }
        c.put("metrics", metrics);
        return c;
    }

    private static Map<String, Object> byOutput(Model model, java.util.function.IntFunction<Object> value) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> names = model.outputNames();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), value.apply(k));
        }
        return m;
    }

    /** One weight, the value its layer wrote for it ({@link Layer#saveOwnVariables}), and its zip entry. */
    private record Entry(Weight weight, INDArray value, String path, String entry) {
    }

    /** One optimizer slot array, the index of its weight in the weight list, and its entry. */
    private record SlotEntry(int weight, String name, INDArray value, String entry) {
    }

    /** The model's weights in {@code model.weights()} order, each with a unique, safe entry name. */
    private static List<Entry> weightEntries(Model model) {
        Map<Weight, String> paths = new IdentityHashMap<>();
        collectPaths(model, "", paths);
        Set<String> used = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        // Each layer writes its own variables; the file keeps them in model.weights() order.
        Map<Layer, Map<String, INDArray>> stores = new IdentityHashMap<>();
        for (Weight w : model.weights()) {
            Map<String, INDArray> store = stores.computeIfAbsent(w.owner(), owner -> {
                Map<String, INDArray> m = new LinkedHashMap<>();
                owner.saveOwnVariables(m);
                return m;
            });
            INDArray value = store.get(w.name());
            if (value == null) {
                throw new IllegalStateException("Layer \"" + w.owner().name() + "\" saved no variable \"" + w.name()
                        + "\" (its saveOwnVariables wrote " + store.keySet() + ")");
            }
            String path = paths.getOrDefault(w, encode(w.owner().name()) + "/" + encode(w.name()));
            // Room for the longest slot entry built on the same base; absurdly long paths fall back to an index.
            String base = ArchiveReader.isSafeName("optimizer/" + path + "/" + "x".repeat(64) + ".npy") ? path
                    : "w" + out.size();
            // Layer names need not be unique in a Sequential or across nesting levels: a suffix keeps entries apart.
            String candidate = base;
            for (int k = 1; !used.add(candidate); k++) {
                candidate = base + "." + k;
            }
            base = candidate;
            out.add(new Entry(w, value, path, "weights/" + base + ".npy"));
        }
        return out;
    }

    /** Paths through nested models: {@code outer_layer/inner_layer/kernel}. */
    private static void collectPaths(Model model, String prefix, Map<Weight, String> paths) {
        for (Layer l : model.layers()) {
            String segment = prefix + encode(l.name());
            if (l instanceof Model nested) {
                collectPaths(nested, segment + "/", paths);
            } else {
                for (Weight w : l.weights()) {
                    paths.putIfAbsent(w, segment + "/" + encode(w.name()));
                }
            }
        }
    }

    /** The optimizer's slots as it wrote them ({@code "<weight index>/<slot>"}), each with its entry. */
    private static List<SlotEntry> slotEntries(Map<String, INDArray> own, List<Entry> weights) {
        List<SlotEntry> out = new ArrayList<>();
        for (Map.Entry<String, INDArray> s : own.entrySet()) {
            int slash = s.getKey().indexOf('/');
            int i = Integer.parseInt(s.getKey().substring(0, slash));
            String name = s.getKey().substring(slash + 1);
            // Every weight with slots, trainable now or not: a layer frozen after training keeps its state.
            Entry e = weights.get(i);
            String base = "optimizer/" + e.entry().substring("weights/".length(), e.entry().length() - ".npy".length());
            out.add(new SlotEntry(i, name, s.getValue(), base + "/" + encode(name) + ".npy"));
        }
        return out;
    }

    private static List<Object> describe(List<Entry> weights) {
        List<Object> list = new ArrayList<>();
        for (Entry e : weights) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", e.path());
            m.put("entry", e.entry());
            m.put("shape", e.value().shape());
            m.put("dtype", numpyName(e.value().dataType()));
            list.add(m);
        }
        return list;
    }

    /** NumPy's name of a data type, for readers of config.json (loading goes by the .npy header). */
    private static String numpyName(org.nd4j.linalg.api.buffer.DataType t) {
        switch (t) {
            case FLOAT: return "float32";
            case DOUBLE: return "float64";
            case HALF: return "float16";
            default: return t.toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A name as one path segment of an entry: letters, digits, {@code _ - .} kept, everything else
     * percent-encoded (UTF-8), and a segment of dots encoded whole, so no name can make {@code ..}.
     */
    static String encode(String name) {
        if (name.isEmpty()) {
            return "%";
        }
        boolean dots = name.chars().allMatch(c -> c == '.');
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || (c == '.' && !dots);
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    // ---- configs ----

    /**
     * Rebuilds a model from its config ({@link Model#getConfig()}, {@link dev.lamina.models.Sequential#getConfig()}):
     * the same layers, freshly built, as Keras' {@code from_config}. The config is treated as untrusted,
     * with the checks a file's config gets; layers come only from {@link dev.lamina.layers.LayerRegistry}.
     * Layers' weights derive from the global seed and each layer's saved seed index, as at first build.
     *
     * @param className {@code "Sequential"} or {@code "Functional"}
     * @param config the model's config
     * @return the model
     * @throws IllegalArgumentException naming the layer entry when the config cannot be rebuilt
     */
    public static Model fromConfig(String className, Map<String, Object> config) {
        Objects.requireNonNull(config, "config");
        Json j = new Json(Path.of("config"), null);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", config);
        try {
            return Architecture.rebuild(entry, new Architecture.Context(j, Limits.DEFAULT,
                    Limits.DEFAULT.maxTotalBytes() / 4));
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---- loading ----

    /**
     * Loads a model saved with {@link #save}: rebuilt, with its weights, compiled as it was and with
     * its optimizer state, ready for {@code predict}, {@code evaluate} or {@code fit}. The format is
     * told by the content, not the name: Keras' own files open too, a Keras 3 {@code .keras} zip
     * and a legacy HDF5 full model ({@code model.save('x.h5')}), rebuilt from their config with
     * their weights and, when Lamina has the optimizer, loss and metrics they name, compiled (a
     * {@code .keras} file also with the optimizer state it holds, when that fits the optimizer);
     * otherwise uncompiled, with a warning in the log. Keras layers or
     * settings Lamina lacks, custom classes and {@code Lambda} layers are refused, naming the layer.
     *
     * @param path the file
     * @return a Sequential or functional model
     * @throws ModelFormatException naming the entry when the file is truncated, damaged, incomplete,
     *     too large, from a newer format version, holds weights only, or names an unknown layer type
     * @throws IOException when the file cannot be read
     */
    public static Model load(Path path) throws IOException {
        return load(path, Limits.DEFAULT);
    }

    static Model load(Path path, Limits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        ModelFileFormat format = ModelFileFormat.detect(path);
        if (format == ModelFileFormat.KERAS_ZIP || format == ModelFileFormat.HDF5) {
            try {
                return format == ModelFileFormat.HDF5 ? KerasModelReader.loadH5(path, limits)
                        : KerasModelReader.loadKerasZip(path, limits);
            } catch (RuntimeException e) {
                throw new ModelFormatException(path, null, "cannot be loaded: " + e, e);
            }
        }
        try (ArchiveReader r = ArchiveReader.open(path, limits)) {
            Json j = new Json(path, CONFIG);
            Map<String, Object> root = readConfig(r, j, limits);
            String kind = j.string(root, "kind", "config");
            if (!KIND_MODEL.equals(kind)) {
                throw j.fail("this file holds " + (KIND_WEIGHTS.equals(kind) ? "weights only (saved with "
                        + "saveWeights); load them with ModelIO.loadWeights into a model of the same architecture"
                        : "\"" + ArchiveReader.printable(kind) + "\", not a model"));
            }
            List<Spec> specs = weightSpecs(root, r, j, limits);
            long declared = 0;
            for (Spec s : specs) {
                declared += s.elements();
            }
            Model model = Architecture.rebuild(j.object(root, "model", "config"),
                    new Architecture.Context(j, limits, declared));
            assign(model, specs, r, j, false);
            Object compile = root.get("compile_config");
            if (compile != null) {
                restoreCompile(model, j.object(compile, "compile_config"), root, specs, r, j);
            }
            return model;
        } catch (RuntimeException e) {
            // A check we did not foresee still ends as a clear IOException naming the file, not a crash.
            throw new ModelFormatException(path, null, "cannot be loaded: " + e, e);
        }
    }

    /**
     * Loads weights saved with {@link #saveWeights} (or {@link #save}) into a built model of the
     * same architecture, matching them by position in {@code model.weights()}; layer names may
     * differ. Keras' weight files load too: a legacy {@code .h5} ({@code save_weights} or a full
     * model) by layer name when the names match, else by the order of the layers with weights, as
     * Keras does; a Keras 3 {@code .weights.h5} or {@code .keras} file by Keras' per-class layer
     * keys. Nothing is changed unless every weight is read and matches.
     *
     * @param model the model, built (its input shape known)
     * @param path the file
     * @throws ModelFormatException when the file is damaged or its weights do not match the model's
     *     in number or shape
     * @throws IOException when the file cannot be read
     * @throws IllegalStateException when the model is not built yet
     */
    public static void loadWeights(Model model, Path path) throws IOException {
        loadWeights(model, path, Limits.DEFAULT);
    }

    static void loadWeights(Model model, Path path, Limits limits) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        if (!model.hasGraph()) {
            throw new IllegalStateException("Model \"" + model.name() + "\" is not built, so it has no weights to load "
                    + "into: give its first layer an inputShape(...) or call predict once first");
        }
        ModelFileFormat format = ModelFileFormat.detect(path);
        if (format == ModelFileFormat.KERAS_ZIP || format == ModelFileFormat.HDF5) {
            try {
                KerasModelReader.loadWeights(model, path, limits, format == ModelFileFormat.KERAS_ZIP);
            } catch (RuntimeException e) {
                throw new ModelFormatException(path, null, "cannot be loaded: " + e, e);
            }
            return;
        }
        try (ArchiveReader r = ArchiveReader.open(path, limits)) {
            Json j = new Json(path, CONFIG);
            Map<String, Object> root = readConfig(r, j, limits);
            assign(model, weightSpecs(root, r, j, limits), r, j, true);
        } catch (RuntimeException e) {
            throw new ModelFormatException(path, null, "cannot be loaded: " + e, e);
        }
    }

    /** Reads config.json: format version first (a newer file may differ in everything else), then the manifest. */
    private static Map<String, Object> readConfig(ArchiveReader r, Json j, Limits limits) throws ModelFormatException {
        byte[] raw = r.readRaw(CONFIG, limits.maxJsonBytes());
        Map<String, Object> root = j.parseObject(raw);
        long version = j.integer(root, "format_version", "config");
        if (version > FORMAT_VERSION) {
            throw j.fail("format_version " + version + " is newer than this Lamina reads (" + FORMAT_VERSION
                    + "); the file was written by Lamina " + ArchiveReader.printable(String.valueOf(
                    root.get("lamina_version"))) + ": upgrade Lamina to load it");
        }
        if (version < 1) {
            throw j.fail("format_version " + version + " is not a valid version");
        }
        r.loadManifest();
        r.verify(CONFIG, raw);
        return root;
    }

    /** A weight as config.json lists it. */
    private record Spec(String path, String entry, long[] shape, long elements) {
    }

    private static List<Spec> weightSpecs(Map<String, Object> root, ArchiveReader r, Json j, Limits limits)
            throws ModelFormatException {
        List<?> list = j.list(root, "weights", "config");
        List<Spec> specs = new ArrayList<>();
        Set<String> entries = new HashSet<>();
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            String at = "weights[" + i + "]";
            Map<String, Object> w = j.object(list.get(i), at);
            String entry = entryName(w, at, j);
            if (!entries.add(entry)) {
                throw j.fail(at + ": entry \"" + entry + "\" is listed twice");
            }
            long[] shape = j.shape(w.get("shape"), at + ".shape");
            long n = j.elements(shape, at + ".shape");
            total += n;
            // Checked up front, as float32: a file cannot make the rebuild allocate beyond the cap.
            if (total > limits.maxTotalBytes() / 4) {
                throw j.fail(at + ": the weights add up to more than the limit of " + limits.maxTotalBytes()
                        + " bytes");
            }
            String path = j.optionalString(w, "path", at);
            // Before anything is built: the entry must exist and be able to hold the array, so the
            // weights a file can make the rebuild allocate are bounded by the file's own size.
            r.requireCapacity(entry, MIN_NPY_HEADER + n * MIN_WIDTH, NPY_HEADER_ALLOWANCE + n * MAX_WIDTH,
                    "weight " + i + " (\"" + ArchiveReader.printable(path == null ? entry : path) + "\") of shape "
                    + Arrays.toString(shape));
            specs.add(new Spec(path == null ? entry : path, entry, shape, n));
        }
        return specs;
    }

    private static String entryName(Map<String, Object> m, String at, Json j) throws ModelFormatException {
        String entry = j.string(m, "entry", at);
        if (!ArchiveReader.isSafeName(entry) || entry.equals(CONFIG) || entry.equals(ArchiveWriter.MANIFEST)) {
            throw j.fail(at + ": unsafe or reserved entry name \"" + ArchiveReader.printable(entry) + "\"");
        }
        return entry;
    }

    /**
     * Sets the model's weights from the listed entries, by position. With {@code atomic}, every
     * entry is read and checked before any weight changes (loading into a user's model); otherwise
     * layer by layer, to hold one layer's arrays at a time (the model is new and dropped on failure).
     */
    private static void assign(Model model, List<Spec> specs, ArchiveReader r, Json j, boolean atomic)
            throws ModelFormatException {
        List<Weight> ws = model.weights();
        if (ws.size() != specs.size()) {
            throw j.fail("the file lists " + specs.size() + " weights, but the model \"" + model.name() + "\" has "
                    + ws.size());
        }
        Map<Weight, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < ws.size(); i++) {
            Spec s = specs.get(i);
            long[] actual = ws.get(i).value().shape();
            if (!Arrays.equals(actual, s.shape())) {
                throw new ModelFormatException(r.file(), s.entry(), "weight " + i + " (\"" + s.path() + "\") has shape "
                        + Arrays.toString(s.shape()) + " in the file, but the model's weight \"" + ws.get(i).path()
                        + "\" has shape " + Arrays.toString(actual));
            }
            index.put(ws.get(i), i);
        }
        // Owners in order, each once: setWeights takes a layer's weights together.
        List<Layer> owners = new ArrayList<>();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Weight w : ws) {
            if (seen.add(w.owner())) {
                owners.add(w.owner());
            }
        }
        Map<Layer, List<INDArray>> pending = new IdentityHashMap<>();
        for (Layer owner : owners) {
            List<INDArray> values = new ArrayList<>();
            for (Weight w : owner.weights()) {
                Spec s = specs.get(index.get(w));
                values.add(readArray(r, s.entry(), s.shape(), s.elements()));
            }
            if (atomic) {
                pending.put(owner, values);
            } else {
                setWeights(owner, values, r);
            }
        }
        for (Layer owner : owners) {
            if (pending.containsKey(owner)) {
                setWeights(owner, pending.get(owner), r);
            }
        }
    }

    private static void setWeights(Layer owner, List<INDArray> values, ArchiveReader r) throws ModelFormatException {
        // The layer reads its own variables, by name, from what the file holds for it.
        Map<String, INDArray> store = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            store.put(owner.weights().get(i).name(), values.get(i));
        }
        try {
            owner.loadOwnVariables(store);
        } catch (RuntimeException e) {
            throw new ModelFormatException(r.file(), null, "layer \"" + owner.name() + "\": " + e.getMessage(), e);
        }
    }

    /** Reads a .npy entry of a known shape, never accepting more bytes than that shape needs. */
    private static INDArray readArray(ArchiveReader r, String entry, long[] shape, long elements)
            throws ModelFormatException {
        byte[] bytes = r.read(entry, NPY_HEADER_ALLOWANCE + elements * MAX_WIDTH);
        INDArray a;
        try {
            a = Npy.read(bytes, entry);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(r.file(), entry, "is not a valid .npy array: " + e.getMessage(), e);
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new ModelFormatException(r.file(), entry, "holds an array of shape " + Arrays.toString(a.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        if (!a.dataType().isFPType()) {
            throw new ModelFormatException(r.file(), entry, "holds " + a.dataType() + " values; weights are floating "
                    + "point");
        }
        return a;
    }

    private static void restoreCompile(Model model, Map<String, Object> cc, Map<String, Object> root, List<Spec> specs,
            ArchiveReader r, Json j) throws ModelFormatException {
        Map<String, Object> optConfig = j.object(cc, "optimizer", "compile_config");
        Optimizer optimizer;
        try {
            optimizer = Optimizers.fromConfig(optConfig);
        } catch (RuntimeException e) {
            throw j.fail("compile_config.optimizer: " + e.getMessage(), e);
        }
        Map<String, Object> lossByOutput = cc.get("loss") instanceof Map<?, ?> ? j.object(cc, "loss", "compile_config")
                : null;
        String lossName = lossByOutput == null ? j.string(cc, "loss", "compile_config") : null;
        Loss loss = null;
        Map<String, Loss> losses = new LinkedHashMap<>();
        try {
            if (lossByOutput == null) {
                loss = Losses.get(lossName);
            } else {
                for (Map.Entry<String, Object> e : lossByOutput.entrySet()) {
                    losses.put(e.getKey(), Losses.get(j.string(lossByOutput, e.getKey(), "compile_config.loss")));
                }
                lossName = losses.isEmpty() ? "" : losses.values().iterator().next().name();
            }
        } catch (RuntimeException e) {
            throw j.fail("compile_config.loss: " + e.getMessage(), e);
        }
        Map<String, Double> lossWeights = null;
        if (cc.get("loss_weights") != null) {
            Map<String, Object> w = j.object(cc, "loss_weights", "compile_config");
            lossWeights = new LinkedHashMap<>();
            for (String k : w.keySet()) {
                lossWeights.put(k, j.number(w, k, "compile_config.loss_weights"));
            }
        }
        List<?> metricList = cc.get("metrics") == null ? List.of() : j.list(cc, "metrics", "compile_config");
        List<Object> metrics = new ArrayList<>();
        for (int i = 0; i < metricList.size(); i++) {
            if (!(metricList.get(i) instanceof String name)) {
                throw j.fail("compile_config.metrics[" + i + "] must be a metric name");
            }
            try {
                // Resolved here only to fail now, with the file named, rather than at the first fit.
                Metrics.get(name, lossName, 2);
            } catch (RuntimeException e) {
                throw j.fail("compile_config.metrics[" + i + "]: " + e.getMessage(), e);
            }
            metrics.add(name);
        }
        try {
            if (loss != null && lossWeights == null) {
                model.compile(optimizer, loss, metrics.toArray());
            } else if (loss != null) {
                Map<String, Loss> all = new LinkedHashMap<>();
                for (String name : model.outputNames()) {
                    all.put(name, loss);
                }
                model.compile(optimizer, all, lossWeights, metrics.toArray());
            } else {
                model.compile(optimizer, losses, lossWeights, metrics.toArray());
            }
        } catch (RuntimeException e) {
            throw j.fail("compile_config: " + e.getMessage(), e);
        }

        Map<String, Object> state = j.object(root, "optimizer_state", "config");
        long iterations = j.integer(state, "iterations", "optimizer_state");
        if (iterations < 0) {
            throw j.fail("optimizer_state.iterations is negative: " + iterations);
        }
        List<Weight> ws = model.weights();
        List<INDArray> variables = ws.stream().map(Weight::value).toList();
        optimizer.loadOwnVariables(variables, Map.of("iterations", org.nd4j.linalg.factory.Nd4j.scalar(iterations)));
        List<?> slots = j.list(state, "slots", "optimizer_state");
        Set<String> entries = new HashSet<>();
        for (Spec s : specs) {
            entries.add(s.entry());
        }
        for (int i = 0; i < slots.size(); i++) {
            String at = "optimizer_state.slots[" + i + "]";
            Map<String, Object> s = j.object(slots.get(i), at);
            long w = j.integer(s, "weight", at);
            if (w < 0 || w >= ws.size()) {
                throw j.fail(at + ": weight index " + w + " is out of range (" + ws.size() + " weights)");
            }
            String name = j.string(s, "name", at);
            String entry = entryName(s, at, j);
            if (!entries.add(entry)) {
                throw j.fail(at + ": entry \"" + entry + "\" is listed twice");
            }
            Spec spec = specs.get((int) w);
            INDArray value = readArray(r, entry, spec.shape(), spec.elements());
            try {
                // One slot at a time, so an error names its entry; the optimizer reads its own variables.
                optimizer.loadOwnVariables(variables, Map.of(w + "/" + name, value));
            } catch (RuntimeException e) {
                throw new ModelFormatException(r.file(), entry, e.getMessage(), e);
            }
        }
    }

    /** This library's version, from the jar's manifest or Maven properties when packaged. */
    private static String laminaVersion() {
        String v = ModelIO.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = ModelIO.class.getResourceAsStream(
                "/META-INF/maven/dev.lamina/lamina-layers/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String version = p.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // Informational only; fall through.
        }
        return "unknown";
    }
}

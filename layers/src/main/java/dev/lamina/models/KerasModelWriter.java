package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import dev.lamina.saving.ArchiveWriter;
import dev.lamina.saving.AtomicFile;
import dev.lamina.saving.Json;
import dev.lamina.saving.KerasNames;
import dev.lamina.saving.h5.H5Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the model files Keras reads: Keras 3's {@code .keras} zip ({@code metadata.json},
 * {@code config.json}, {@code model.weights.h5} with each layer's variables at
 * {@code layers/<key>/vars/<i>}, keys counted per class and per model with
 * {@link KerasNames.Counter}, a nested model's layers below its key), Keras 3's
 * {@code .weights.h5}, and Keras 2's legacy HDF5 full model and {@code save_weights} file
 * ({@code layer_names} / {@code weight_names} attributes, datasets at
 * {@code <layer>/<owning layer>/<weight>:0}, the owner being the layer itself or, for a nested
 * model, its inner layer). The {@code .keras} zip of a compiled model holds its
 * optimizer's state as Keras writes it ({@link KerasOptimizerState}; not for an optimizer of
 * Lamina's own, whose variable order Keras does not define); the other files hold none. In
 * the legacy files, layers without weights are not listed (the HDF5 library cannot write the empty
 * {@code weight_names} array Keras gives them; Keras' loaders skip such layers either way). Every file is replaced atomically.
 */
final class KerasModelWriter {

    /** The Keras version whose {@code .keras} layout these files follow. */
    static final String KERAS3_VERSION = "3.5.0";
    /** The Keras version whose legacy HDF5 layout these files follow. */
    static final String KERAS2_VERSION = "2.15.0";
    private static final Logger LOG = LoggerFactory.getLogger(KerasModelWriter.class);
    private static final DateTimeFormatter DATE_SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss",
            Locale.ROOT);

    /** The file formats, told by the name's extension. */
    enum Format {
        /** Keras 3's zip, {@code .keras}. */
        KERAS,
        /** Keras 3's weights file, {@code .weights.h5}. */
        KERAS3_WEIGHTS,
        /** Keras 2's legacy HDF5, {@code .h5} or {@code .hdf5}. */
        LEGACY_H5,
        /** Anything else: Lamina's own zip. */
        LAMINA;

        /**
         * @param path a file name
         * @param weightsOnly true for {@code saveWeights}, where {@code .weights.h5} means Keras 3's layout
         * @return its format
         */
        static Format of(Path path, boolean weightsOnly) {
            Path file = path.getFileName();
            String name = file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".keras")) {
                return KERAS;
            }
            if (weightsOnly && name.endsWith(".weights.h5")) {
                return KERAS3_WEIGHTS;
            }
            return name.endsWith(".h5") || name.endsWith(".hdf5") ? LEGACY_H5 : LAMINA;
        }
    }

    private KerasModelWriter() {
    }

    /**
     * Writes a {@code .keras} zip.
     *
     * @throws IOException when the model cannot be written in Keras' format (naming it) or writing fails
     */
    static void saveKeras(Model model, Path path) throws IOException {
        byte[] config = Json.write(KerasConfigs.keras3(model));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("keras_version", KERAS3_VERSION);
        meta.put("date_saved", LocalDateTime.now().format(DATE_SAVED));
        byte[] metadata = Json.write(meta);
        H5Tree weights = keras3Weights(model);
        if (model.isCompiled()) {
            try {
                KerasOptimizerState.write(model, weights);
            } catch (IllegalArgumentException e) {
                // The file stays loadable: Keras then builds the optimizer afresh, as for a file without state.
                LOG.warn("Model \"{}\": the state of optimizer \"{}\" is not written to {}, as Keras' order of its "
                        + "variables is unknown ({})", model.name(), model.optimizer().name(), path, e.getMessage());
            }
        }
        // The HDF5 library writes to a file by path; the zip then takes a copy of it.
        Path h5 = Files.createTempFile("lamina-", ".weights.h5");
        try {
            Files.delete(h5);
            weights.writeTo(h5);
            try (ArchiveWriter w = ArchiveWriter.withoutManifest(path)) {
                w.put(KerasModelReader.METADATA, metadata);
                w.put(KerasModelReader.CONFIG, config);
                w.put(KerasModelReader.WEIGHTS, out -> Files.copy(h5, out));
                w.commit();
            }
        } finally {
            Files.deleteIfExists(h5);
        }
    }

    /** Writes a Keras 3 {@code .weights.h5}. */
    static void saveKeras3Weights(Model model, Path path) throws IOException {
        write(keras3Weights(model), path);
    }

    /**
     * Writes a legacy HDF5 full model.
     *
     * @throws IOException when the model cannot be written in Keras' format (naming it) or writing fails
     */
    static void saveH5(Model model, Path path) throws IOException {
        Map<String, Object> config = KerasConfigs.keras2(model);
        H5Tree root = new H5Tree();
        root.attribute("backend", "tensorflow");
        root.attribute("keras_version", KERAS2_VERSION);
        root.attribute("model_config", new String(Json.write(config), StandardCharsets.UTF_8));
        if (model.isCompiled()) {
            root.attribute("training_config", new String(Json.write(KerasConfigs.compileConfig(model, false)),
                    StandardCharsets.UTF_8));
        }
        legacyWeights(model, root.group("model_weights"));
        write(root, path);
    }

    /** Writes a legacy {@code save_weights} HDF5 file: the layer groups at the root. */
    static void saveLegacyWeights(Model model, Path path) throws IOException {
        H5Tree root = new H5Tree();
        legacyWeights(model, root);
        write(root, path);
    }

    private static void write(H5Tree tree, Path path) throws IOException {
        try (AtomicFile f = new AtomicFile(path)) {
            // The HDF5 library opens the (empty) temporary file itself.
            f.stream().close();
            tree.writeTo(f.temporary());
            f.commit();
        }
    }

    /**
     * Keras 3's layout: {@code layers/<key>/vars/<i>} per layer in layer order, {@code vars} for the
     * model; a nested model's layers below its own key ({@code layers/<key>/layers/<key>/vars/<i>}),
     * keys counted per model.
     */
    static H5Tree keras3Weights(Model model) {
        H5Tree root = new H5Tree();
        keras3Layers(model, root.group("layers"));
        root.group("vars").attribute("name", model.name());
        return root;
    }

    private static void keras3Layers(Model model, H5Tree layers) {
        KerasNames.Counter counter = new KerasNames.Counter();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : model.layers()) {
            String key = counter.next(l.className());
            // Keras counts a layer met twice but stores it once, under its first key.
            if (!seen.add(l)) {
                continue;
            }
            H5Tree g = layers.group(key);
            H5Tree vars = g.group("vars").attribute("name", l.name());
            if (l instanceof Model nested) {
                keras3Layers(nested, g.group("layers"));
                continue;
            }
            List<Weight> ws = l.weights();
            for (int i = 0; i < ws.size(); i++) {
                vars.dataset(Integer.toString(i), ws.get(i).value());
            }
        }
    }

    /**
     * Keras 2's layout in {@code g}: {@code layer_names}, per layer {@code weight_names} and the
     * datasets; a nested model is one layer whose weights are those of its inner layers, in Keras
     * 2's order (trainable, then the others).
     */
    private static void legacyWeights(Model model, H5Tree g) throws IOException {
        List<String> names = new ArrayList<>();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : model.layers()) {
            List<Weight> ws = KerasWeights.legacyOrder(l);
            if (ws.isEmpty() || !seen.add(l)) {
                continue;
            }
            if (names.contains(l.name())) {
                throw new IOException("Cannot save model \"" + model.name() + "\" in Keras' format: two of its layers "
                        + "with weights are named \"" + l.name() + "\" (rename one with name(...))");
            }
            names.add(l.name());
            H5Tree lg = g.group(l.name());
            List<String> weightNames = new ArrayList<>();
            for (Weight w : ws) {
                // Keras 2 names a variable after the layer that owns it: a nested model's weights sit
                // under its inner layers' names.
                String owner = w.owner().name();
                String name = owner + "/" + w.name() + ":0";
                if (weightNames.contains(name)) {
                    throw new IOException("Cannot save model \"" + model.name() + "\" in Keras' legacy HDF5 format: "
                            + "two weights of layer \"" + l.name() + "\" are named \"" + name + "\" (rename one of "
                            + "its layers with name(...))");
                }
                weightNames.add(name);
                lg.group(owner).dataset(w.name() + ":0", w.value());
            }
            lg.attribute("weight_names", weightNames.toArray(new String[0]));
        }
        if (names.isEmpty()) {
            throw new IOException("Cannot save model \"" + model.name() + "\" in Keras' legacy HDF5 format: it has no "
                    + "weights, and the layout needs at least one layer with weights; save it as .keras");
        }
        g.attribute("layer_names", names.toArray(new String[0]));
        g.attribute("backend", "tensorflow");
        g.attribute("keras_version", KERAS2_VERSION);
    }
}

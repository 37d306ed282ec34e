package dev.lamina.models;

import dev.lamina.saving.ArchiveReader;
import dev.lamina.saving.Json;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import dev.lamina.saving.h5.KerasH5File;
import dev.lamina.saving.h5.KerasV3Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the model files Keras writes: the Keras 3 {@code .keras} zip ({@code config.json},
 * {@code metadata.json}, {@code model.weights.h5}) and legacy HDF5 full models
 * ({@code model.save('x.h5')}, whatever the file's extension), and puts the weights of Keras'
 * weight files ({@code save_weights} {@code .h5}, Keras 3 {@code .weights.h5}, or a whole
 * {@code .keras} / {@code .h5} model) into a model built in Java. The architecture goes through
 * {@link KerasModelConfig}, the weights through {@link KerasWeights}, the training settings
 * through {@link KerasCompile}; every read is bounded by {@link Limits}.
 */
final class KerasModelReader {

    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    private static final Logger LOG = LoggerFactory.getLogger(KerasModelReader.class);

    private KerasModelReader() {
    }

    /**
     * Loads a Keras 3 {@code .keras} zip: rebuilt, with its weights, compiled when Lamina has what
     * its {@code compile_config} names, and then with the optimizer state the file holds, so that
     * training resumes where it stopped.
     */
    static Model loadKerasZip(Path path, Limits limits) throws IOException {
        try (ArchiveReader r = ArchiveReader.open(path, limits)) {
            Json j = new Json(path, CONFIG);
            Map<String, Object> root = j.parseObject(r.readRaw(CONFIG, limits.maxJsonBytes()));
            Json meta = new Json(path, METADATA);
            Object version = meta.parseObject(r.readRaw(METADATA, limits.maxJsonBytes())).get("keras_version");
            byte[] weights = r.readRaw(WEIGHTS, limits.maxTotalBytes());
            try (KerasH5File h5 = KerasH5File.fromBytes(path, WEIGHTS, weights, limits)) {
                KerasV3Weights w = h5.keras3Weights();
                Built built = build(root, j, limits, w.countElements("layers"));
                KerasWeights.loadKeras3(built.model(), w, path);
                Object compile = root.get("compile_config");
                if (compile instanceof Map<?, ?> cc && !cc.isEmpty()
                        && compile(built, cc, false, path, version, KerasOptimizerState.storedName(w).orElse(null))) {
                    KerasOptimizerState.read(built.model(), w, path);
                }
                return built.model();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Loads a legacy HDF5 full model: rebuilt, with its weights, compiled from its training_config. */
    static Model loadH5(Path path, Limits limits) throws IOException {
        try (KerasH5File h5 = KerasH5File.open(path, limits)) {
            switch (h5.kind()) {
                case WEIGHTS, KERAS3_WEIGHTS -> throw new ModelFormatException(path, null, "holds weights only (Keras' "
                        + "save_weights); build the model and load them with loadWeights");
                case OTHER -> throw new ModelFormatException(path, null, "is an HDF5 file, but not a Keras model (no "
                        + "model_config attribute)");
                default -> {
                    // A full model.
                }
            }
            Json j = new Json(path, "model_config");
            Map<String, Object> root = j.parseObject(h5.attribute("model_config").orElseThrow().getBytes(
                    StandardCharsets.UTF_8));
            var weights = h5.legacyWeights();
            Built built = build(root, j, limits, weights.countElements());
            KerasWeights.loadLegacy(built.model(), weights, true);
            String training = h5.attribute("training_config").orElse(null);
            if (training != null) {
                Json t = new Json(path, "training_config");
                compile(built, t.parseObject(training.getBytes(StandardCharsets.UTF_8)), true, path,
                        h5.attribute("keras_version").orElse(null), null);
            }
            return built.model();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, null, "declares more weight values than can be counted", e);
        }
    }

    /**
     * Loads a Keras weight file into a built model: a legacy {@code .h5} ({@code save_weights} or a
     * full model; by layer name when the names match, else by order), a Keras 3 {@code .weights.h5},
     * or a {@code .keras} zip's weights. Nothing changes unless every weight is read and matches.
     */
    static void loadWeights(Model model, Path path, Limits limits, boolean zip) throws IOException {
        try {
            if (zip) {
                try (ArchiveReader r = ArchiveReader.open(path, limits)) {
                    byte[] weights = r.readRaw(WEIGHTS, limits.maxTotalBytes());
                    try (KerasH5File h5 = KerasH5File.fromBytes(path, WEIGHTS, weights, limits)) {
                        KerasWeights.loadKeras3(model, h5.keras3Weights(), path);
                    }
                }
                return;
            }
            try (KerasH5File h5 = KerasH5File.open(path, limits)) {
                switch (h5.kind()) {
                    case FULL_MODEL, WEIGHTS -> KerasWeights.loadLegacy(model, h5.legacyWeights(), false);
                    case KERAS3_WEIGHTS -> KerasWeights.loadKeras3(model, h5.keras3Weights(), path);
                    default -> throw new ModelFormatException(path, null, "is an HDF5 file, but holds no Keras weights "
                            + "(no layer_names attribute and no layers group)");
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Builds a model from the JSON of Keras' {@code model.to_json()} (Keras 2 or 3), with freshly
     * initialized weights.
     *
     * @throws ModelFormatException naming the layer when the config cannot be built
     */
    static Model fromJson(String text, Limits limits) throws ModelFormatException {
        Json j = new Json(Path.of("model_from_json"), null);
        Map<String, Object> root = j.parseObject(text.getBytes(StandardCharsets.UTF_8));
        Built built = build(root, j, limits, limits.maxTotalBytes() / 4);
        if (!built.trainingOnly().isEmpty()) {
            LOG.warn("Model \"{}\": Lamina does not apply these training-only settings of the config: {}",
                    built.model().name(), built.trainingOnly());
        }
        return built.model();
    }

    /** A rebuilt model and the training-only settings of its config that Lamina does not apply. */
    private record Built(Model model, List<String> trainingOnly) {
    }

    private static Built build(Map<String, Object> root, Json j, Limits limits, long declaredElements)
            throws ModelFormatException {
        KerasModelConfig config = new KerasModelConfig(j, limits);
        Map<String, Object> entry = config.translate(root);
        Model model;
        try {
            model = Architecture.rebuild(entry, new Architecture.Context(j, limits, declaredElements));
        } catch (RuntimeException e) {
            throw j.fail("cannot be rebuilt: " + e, e);
        }
        if (!model.hasGraph()) {
            throw j.fail("the model's input shape is not in the file (no InputLayer, batch_input_shape or "
                    + "build_input_shape), so its weights cannot be placed");
        }
        config.checkBuilt(model);
        return new Built(model, config.trainingOnlySettings());
    }

    /** Compiles the model from the file's settings; false (logged) when it stays uncompiled. */
    private static boolean compile(Built built, Map<?, ?> config, boolean legacy, Path path, Object version,
            String savedOptimizer) {
        Model model = built.model();
        String why = built.trainingOnly().isEmpty() ? KerasCompile.restore(model, config, legacy, savedOptimizer)
                : "Lamina does not apply these training-only settings " + built.trainingOnly() + " (predictions are "
                + "as in Keras; fit would train without them)";
        if (why != null) {
            LOG.warn("Model \"{}\" from {} (Keras {}) is loaded uncompiled: {}. Compile it before fit or evaluate.",
                    model.name(), path, version, why);
        }
        return why == null;
    }
}

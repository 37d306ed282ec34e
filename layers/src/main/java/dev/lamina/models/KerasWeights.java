package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import dev.lamina.saving.KerasNames;
import dev.lamina.saving.ModelFormatException;
import dev.lamina.saving.h5.KerasH5Weights;
import dev.lamina.saving.h5.KerasV3Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Puts the weights of a Keras file into a built model: legacy HDF5 files by layer name (or, when
 * the names differ, by the order of the layers that have weights, as Keras' topological
 * {@code load_weights}), Keras 3 files by walking the model as Keras' {@code saving_lib} does
 * ({@code layers/<snake_case_class>[_N]/vars/<i>}, counted per container with
 * {@link KerasNames.Counter}). Every array's existence, count and shape is checked against the
 * model before any weight changes; a mismatch names the file, the HDF5 path and both shapes.
 */
final class KerasWeights {

    private final Path file;
    /** Each weight's new value, gathered before any is assigned. */
    private final Map<Weight, INDArray> pending = new IdentityHashMap<>();

    private KerasWeights(Path file) {
        this.file = file;
    }

    /**
     * Loads a legacy HDF5 file's weights ({@code model_weights} of a full model, or a
     * {@code save_weights} file).
     *
     * @param model the built model
     * @param weights the file's weights
     * @param byNameOnly true for a full model (names are the file's own); false to fall back to the
     *     order of the layers with weights when the names differ
     * @throws ModelFormatException naming the layer, the dataset and both shapes on a mismatch
     */
    static void loadLegacy(Model model, KerasH5Weights weights, boolean byNameOnly) throws ModelFormatException {
        KerasWeights k = new KerasWeights(weights.path());
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!l.weights().isEmpty()) {
                layers.add(l);
            }
        }
        List<String> stored = weights.layersWithWeights();
        Set<String> names = new HashSet<>();
        layers.forEach(l -> names.add(l.name()));
        boolean byName = byNameOnly || names.equals(new HashSet<>(stored));
        if (byName) {
            for (Layer l : layers) {
                if (!weights.layerNames().contains(l.name())) {
                    throw new ModelFormatException(k.file, null, "holds no weights for layer \"" + l.name() + "\" ("
                            + l.className() + "); the file's layers with weights are " + stored);
                }
                k.legacyLayer(l, weights, l.name());
            }
            for (String s : stored) {
                if (!names.contains(s)) {
                    throw new ModelFormatException(k.file, null, "holds weights for layer \"" + s + "\", which model \""
                            + model.name() + "\" does not have (its layers with weights: " + names + ")");
                }
            }
        } else {
            if (stored.size() != layers.size()) {
                throw new ModelFormatException(k.file, null, "holds weights for " + stored.size() + " layers " + stored
                        + ", but model \"" + model.name() + "\" has " + layers.size() + " layers with weights "
                        + layers.stream().map(Layer::name).toList() + " (and the names differ, so they are matched "
                        + "by order)");
            }
            for (int i = 0; i < layers.size(); i++) {
                k.legacyLayer(layers.get(i), weights, stored.get(i));
            }
        }
        k.assign();
    }

    /**
     * Loads a Keras 3 file's weights ({@code model.weights.h5} of a {@code .keras} zip, or a
     * {@code .weights.h5}).
     *
     * @param model the built model
     * @param weights the file's weights
     * @throws ModelFormatException naming the layer, the dataset and both shapes on a mismatch
     */
    static void loadKeras3(Model model, KerasV3Weights weights, Path file) throws ModelFormatException {
        KerasWeights k = new KerasWeights(file);
        k.walk(model, "", weights);
        k.assign();
    }

    /** Keras 2's {@code _legacy_weights}: a layer's trainable weights, then the others. */
    static List<Weight> legacyOrder(Layer layer) {
        List<Weight> out = new ArrayList<>();
        for (Weight w : layer.weights()) {
            if (w.isTrainable()) {
                out.add(w);
            }
        }
        for (Weight w : layer.weights()) {
            if (!w.isTrainable()) {
                out.add(w);
            }
        }
        return out;
    }

    private void legacyLayer(Layer layer, KerasH5Weights weights, String stored) throws ModelFormatException {
        List<Weight> ws = legacyOrder(layer);
        List<String> names = weights.weightNames(stored);
        List<long[]> shapes = weights.shapes(stored);
        if (shapes.size() != ws.size()) {
            throw new ModelFormatException(file, weights.datasetPath(stored, ""), "layer \"" + stored + "\" holds "
                    + shapes.size() + " arrays " + names + ", but layer \"" + layer.name() + "\" (" + layer.className()
                    + ") of the model has " + ws.size() + " weights " + ws.stream().map(Weight::name).toList());
        }
        for (int i = 0; i < ws.size(); i++) {
            check(ws.get(i), layer, shapes.get(i), weights.datasetPath(stored, names.get(i)));
        }
        List<INDArray> values = weights.weights(stored);
        for (int i = 0; i < ws.size(); i++) {
            pending.put(ws.get(i), values.get(i));
        }
    }

    private void walk(Model model, String prefix, KerasV3Weights weights) throws ModelFormatException {
        KerasNames.Counter counter = new KerasNames.Counter();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : model.layers()) {
            String key = prefix + "layers/" + counter.next(l.className());
            // Keras counts a layer met twice but stores it once, under its first key.
            if (!seen.add(l)) {
                continue;
            }
            if (l instanceof Model nested) {
                walk(nested, key + "/", weights);
                continue;
            }
            List<Weight> ws = l.weights();
            List<long[]> shapes = weights.shapes(key);
            if (ws.isEmpty() && shapes.isEmpty()) {
                continue;
            }
            if (shapes.size() != ws.size()) {
                String found = weights.hasGroup(key) ? "holds " + shapes.size() + " variables" : "does not exist";
                throw new ModelFormatException(file, weights.where(key, 0).replaceAll("/vars/0$", ""), "the group "
                        + found + ", but layer \"" + l.name() + "\" (" + l.className() + ") has " + ws.size()
                        + " weights " + ws.stream().map(Weight::name).toList()
                        + weights.storedName(key).map(n -> "; the file stores layer \"" + n + "\" there").orElse(""));
            }
            for (int i = 0; i < ws.size(); i++) {
                check(ws.get(i), l, shapes.get(i), weights.where(key, i));
            }
            List<INDArray> values = weights.read(key);
            for (int i = 0; i < ws.size(); i++) {
                pending.put(ws.get(i), values.get(i));
            }
        }
    }

    private void check(Weight w, Layer layer, long[] found, String where) throws ModelFormatException {
        long[] expected = w.value().shape();
        if (!Arrays.equals(expected, found)) {
            throw new ModelFormatException(file, where, "has shape " + Arrays.toString(found) + ", but weight \""
                    + w.name() + "\" of layer \"" + layer.name() + "\" (" + layer.className() + ") has shape "
                    + Arrays.toString(expected));
        }
    }

    /** Sets every gathered value, layer by layer, once all were read and checked. */
    private void assign() throws ModelFormatException {
        Map<Layer, List<Weight>> owners = new LinkedHashMap<>();
        for (Weight w : pending.keySet()) {
            owners.computeIfAbsent(w.owner(), o -> new ArrayList<>());
        }
        for (Layer owner : owners.keySet()) {
            List<INDArray> values = new ArrayList<>();
            for (Weight w : owner.weights()) {
                INDArray v = pending.get(w);
                if (v == null) {
                    throw new ModelFormatException(file, null, "holds no value for weight \"" + w.path() + "\"");
                }
                if (!v.dataType().isFPType()) {
                    throw new ModelFormatException(file, null, "holds " + v.dataType() + " values for weight \""
                            + w.path() + "\"; weights are floating point");
                }
                values.add(v);
            }
            try {
                owner.setWeights(values);
            } catch (RuntimeException e) {
                throw new ModelFormatException(file, null, "layer \"" + owner.name() + "\": " + e.getMessage(), e);
            }
        }
    }
}

package dev.lamina.saving.h5;

import dev.lamina.core.LaminaIOException;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras HDF5 weight file, read as Keras' legacy {@code load_weights} reads it: the weights group
 * (the file root for {@code save_weights} files, {@code model_weights} for full-model files) lists
 * its layers in the attribute {@code layer_names}, each layer group lists its arrays in the
 * attribute {@code weight_names}, and the array {@code w} of layer {@code l} is the dataset
 * {@code <group>/l/w}.
 *
 * <p>Accepted, as Keras writes them across versions: names as fixed-length byte strings or
 * variable-length UTF-8 strings; weight names of any depth, with or without a {@code :0} suffix
 * ({@code conv2d_1/kernel:0}, {@code kernel}, {@code sequential_1/conv2d_2/kernel}); an empty
 * array (of any type) as the {@code weight_names} of a layer without weights; and groups that are
 * not listed in {@code layer_names} ({@code top_level_model_weights}), which are ignored, as are
 * {@code optimizer_weights} and the configs. Arrays come back as {@link INDArray}s of the dataset's
 * own numeric type, in C order, with the dataset's shape.
 *
 * <pre>{@code
 * try (KerasH5Weights file = KerasH5Weights.open(path)) {
 *     for (String layer : file.layerNames()) {
 *         List<INDArray> arrays = file.weights(layer);   // kernel, bias, ...
 *     }
 * }
 * }</pre>
 *
 * <p>Failures are unchecked: {@link LaminaIOException} whose cause is a {@link ModelFormatException}
 * naming the file and the HDF5 path at fault (or the {@link IOException} of an unreadable file).
 */
public final class KerasH5Weights implements AutoCloseable {

    private static final String MODEL_WEIGHTS = "model_weights";

    private final Path path;
    private final HdfFile file;
    private final Group root;
    private final List<String> layerNames;
    private final H5Arrays arrays;
    private final boolean ownsFile;

    private KerasH5Weights(Path path, HdfFile file, Group root, List<String> layerNames, H5Arrays arrays,
            boolean ownsFile) {
        this.path = path;
        this.file = file;
        this.root = root;
        this.layerNames = layerNames;
        this.arrays = arrays;
        this.ownsFile = ownsFile;
    }

    /**
     * Opens a Keras HDF5 weight file: a {@code save_weights} file or a full model saved in the
     * legacy HDF5 format.
     *
     * @param path the {@code .h5} file
     * @return the open file; close it when done
     * @throws LaminaIOException when the file cannot be read, is not HDF5, or has no
     *     {@code layer_names} attribute where Keras puts it (the cause names the file)
     */
    public static KerasH5Weights open(Path path) {
        return open(path, Limits.DEFAULT);
    }

    /**
     * Opens a Keras HDF5 weight file with caps on what it may hold: no dataset whose declared size
     * exceeds what is left of {@link Limits#maxTotalBytes()} is read.
     *
     * @param path the {@code .h5} file
     * @param limits the caps
     * @return the open file; close it when done
     * @throws LaminaIOException when the file cannot be read, is not HDF5, or has no
     *     {@code layer_names} attribute where Keras puts it (the cause names the file)
     */
    public static KerasH5Weights open(Path path, Limits limits) {
        if (!Files.isRegularFile(path)) {
            throw new LaminaIOException(new java.nio.file.NoSuchFileException(path.toString(), null,
                    "no such Keras weight file"));
        }
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (HdfException | IllegalArgumentException e) {
            throw error(path, null, "not an HDF5 file (" + e.getMessage() + ")", e);
        }
        try {
            return of(path, file, new H5Arrays(path, limits), true);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The weights of an open file; {@code ownsFile}: whether {@link #close()} closes it. */
    static KerasH5Weights of(Path path, HdfFile file, H5Arrays arrays, boolean ownsFile) {
        try {
            Group root = file;
            Node mw = file.getChildren().get(MODEL_WEIGHTS);
            if (mw instanceof Group g && file.getAttribute("layer_names") == null) {
                root = g;
            }
            Attribute names = root.getAttribute("layer_names");
            if (names == null) {
                throw error(path, root.getPath(), "no attribute \"layer_names\": not a Keras HDF5 weight file "
                        + "(a Keras 3 .weights.h5 or .keras file has another layout)", null);
            }
            List<String> layers = strings(names.getData(), path, root.getPath() + "@layer_names");
            return new KerasH5Weights(path, file, root, List.copyOf(layers), arrays, ownsFile);
        } catch (HdfException e) {
            throw error(path, null, "unreadable HDF5 structure (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The file this reads.
     *
     * @return the path given to {@link #open(Path)}
     */
    public Path path() {
        return path;
    }

    /**
     * Whether the file is a full model ({@code model.save}), whose weights sit under
     * {@code model_weights}, rather than a {@code save_weights} file.
     *
     * @return true for a full-model file
     */
    public boolean isFullModel() {
        return root != file;
    }

    /**
     * The {@code keras_version} attribute of the weights group, or of the file.
     *
     * @return e.g. {@code "2.2.4-tf"}, or empty when the file does not say
     */
    public Optional<String> kerasVersion() {
        return stringAttribute("keras_version");
    }

    /**
     * The {@code backend} attribute of the weights group, or of the file.
     *
     * @return e.g. {@code "tensorflow"}, or empty when the file does not say
     */
    public Optional<String> backend() {
        return stringAttribute("backend");
    }

    /**
     * Every layer the file lists, weightless ones included, in the file's order (Keras' layer order).
     *
     * @return the names of {@code layer_names}
     */
    public List<String> layerNames() {
        return layerNames;
    }

    /**
     * The layers that hold at least one array, in the file's order (the layers Keras' by-order
     * loading matches against a model's layers with weights).
     *
     * @return a subset of {@link #layerNames()}
     */
    public List<String> layersWithWeights() {
        List<String> out = new ArrayList<>();
        for (String l : layerNames) {
            if (!weightNames(l).isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The names of a layer's arrays, in the file's order (Keras' order: kernel, bias; gamma, beta,
     * moving_mean, moving_variance).
     *
     * @param layer one of {@link #layerNames()}
     * @return the {@code weight_names} entries as written, e.g. {@code conv1_conv/kernel:0}; empty
     *     for a layer without weights
     * @throws IllegalArgumentException when the file lists no such layer (the message lists them)
     * @throws LaminaIOException when the layer's group or attribute is missing or malformed
     */
    public List<String> weightNames(String layer) {
        Group g = layerGroup(layer);
        Attribute a = g.getAttribute("weight_names");
        if (a == null) {
            throw error(path, g.getPath(), "layer \"" + layer + "\" has no attribute \"weight_names\"", null);
        }
        if (a.isEmpty() || a.getData() == null || !String.class.equals(a.getJavaType())) {
            // Keras writes an empty float64 array for a layer without weights.
            if (a.isEmpty() || a.getData() == null || Array.getLength(a.getData()) == 0) {
                return List.of();
            }
            throw error(path, g.getPath() + "@weight_names", "expected strings, found " + a.getJavaType(), null);
        }
        return strings(a.getData(), path, g.getPath() + "@weight_names");
    }

    /**
     * A layer's arrays, in {@link #weightNames(String)} order.
     *
     * @param layer one of {@link #layerNames()}
     * @return the arrays, each with its dataset's shape and numeric type; empty for a layer
     *     without weights
     * @throws IllegalArgumentException when the file lists no such layer
     * @throws LaminaIOException naming the dataset when one is missing or not numeric
     */
    public List<INDArray> weights(String layer) {
        Group g = layerGroup(layer);
        List<INDArray> out = new ArrayList<>();
        for (String w : weightNames(layer)) {
            out.add(read(g, w));
        }
        return out;
    }

    /**
     * The shapes of a layer's arrays, from the datasets' headers, without reading any data.
     *
     * @param layer one of {@link #layerNames()}
     * @return one shape per {@link #weightNames(String)} entry
     * @throws IllegalArgumentException when the file lists no such layer
     * @throws LaminaIOException naming the dataset when one is missing
     */
    public List<long[]> shapes(String layer) {
        Group g = layerGroup(layer);
        List<long[]> out = new ArrayList<>();
        for (String w : weightNames(layer)) {
            out.add(H5Arrays.shape(dataset(g, w)));
        }
        return out;
    }

    /**
     * The HDF5 path of a layer's array, for messages.
     *
     * @param layer one of {@link #layerNames()}
     * @param weightName one of its {@link #weightNames(String)}
     * @return e.g. {@code /model_weights/conv2d_1/conv2d_1/kernel:0}
     */
    public String datasetPath(String layer, String weightName) {
        return H5Arrays.path(root, layer) + "/" + weightName;
    }

    /**
     * The number of values all listed layers' arrays hold together, from the datasets' headers.
     *
     * @return the element count
     * @throws LaminaIOException naming the dataset when one is missing
     */
    public long countElements() {
        long n = 0;
        for (String l : layerNames) {
            for (long[] shape : shapes(l)) {
                long e = 1;
                for (long d : shape) {
                    e = Math.multiplyExact(e, d);
                }
                n = Math.addExact(n, e);
            }
        }
        return n;
    }

    /**
     * Every layer's arrays, by layer name in the file's order; layers without weights are left out.
     *
     * @return a new map from layer name to its arrays in {@code weight_names} order
     * @throws LaminaIOException naming the dataset when one is missing or not numeric
     */
    public Map<String, List<INDArray>> readAll() {
        Map<String, List<INDArray>> out = new LinkedHashMap<>();
        for (String l : layerNames) {
            List<INDArray> ws = weights(l);
            if (!ws.isEmpty()) {
                out.put(l, ws);
            }
        }
        return out;
    }

    /** Closes the file. */
    @Override
    public void close() {
        if (ownsFile) {
            file.close();
        }
    }

    private Group layerGroup(String layer) {
        if (!layerNames.contains(layer)) {
            throw new IllegalArgumentException("The weight file " + path + " has no layer \"" + layer
                    + "\". Its layers are: " + layerNames);
        }
        Node n;
        try {
            n = root.getChild(layer);
        } catch (HdfException e) {
            n = null;
        }
        if (!(n instanceof Group g)) {
            throw error(path, path(root, layer), "layer \"" + layer + "\" is listed in layer_names but has no group",
                    null);
        }
        return g;
    }

    private INDArray read(Group layerGroup, String weightName) {
        return arrays.read(dataset(layerGroup, weightName), H5Arrays.path(layerGroup, weightName));
    }

    private Dataset dataset(Group layerGroup, String weightName) {
        Node n;
        try {
            n = layerGroup.getByPath(weightName);
        } catch (HdfException e) {
            n = null;
        }
        if (!(n instanceof Dataset d)) {
            throw error(path, H5Arrays.path(layerGroup, weightName), "no dataset for weight \"" + weightName + "\"",
                    null);
        }
        return d;
    }

    private Optional<String> stringAttribute(String name) {
        for (Group g : new Group[] {root, file}) {
            Attribute a = g.getAttribute(name);
            if (a != null && a.getData() instanceof String s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(Object data, Path path, String where) {
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] ss) {
            return List.of(ss);
        }
        throw error(path, where, "expected an array of strings, found "
                + (data == null ? "nothing" : data.getClass().getSimpleName()), null);
    }

    private static String path(Group g, String child) {
        return g.getPath() + (g.getPath().endsWith("/") ? "" : "/") + child;
    }

    private static LaminaIOException error(Path file, String where, String message, Throwable cause) {
        return new LaminaIOException(new ModelFormatException(file, where, message, cause));
    }

    @Override
    public String toString() {
        return "KerasH5Weights[" + path + ", " + layerNames.size() + " layers]";
    }
}

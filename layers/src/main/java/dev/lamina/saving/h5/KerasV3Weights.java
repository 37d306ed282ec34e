package dev.lamina.saving.h5;

import dev.lamina.core.LaminaIOException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a Keras 3 file: {@code model.weights.h5} inside a {@code .keras} zip, or a
 * {@code .weights.h5} written by Keras 3's {@code save_weights}. Each object's variables are the
 * datasets {@code <object path>/vars/0}, {@code vars/1}, … (in the object's order: kernel, bias;
 * gamma, beta, moving_mean, moving_variance), where the object path follows Keras' per-class
 * naming ({@link dev.lamina.saving.KerasNames}): {@code layers/conv2d}, {@code layers/dense_1},
 * {@code layers/sequential/layers/dense}. The model's own variables sit in the root {@code vars};
 * the optimizer's under {@code optimizer/vars}.
 *
 * <p>Obtained from {@link KerasH5File#keras3Weights()}; valid while that file is open. Failures
 * are {@link LaminaIOException}s whose cause names the file and the HDF5 path.
 */
public final class KerasV3Weights {

    private final Path file;
    private final String label;
    private final Group root;
    private final H5Arrays arrays;

    KerasV3Weights(Path file, String label, Group root, H5Arrays arrays) {
        this.file = file;
        this.label = label;
        this.root = root;
        this.arrays = arrays;
    }

    /**
     * Whether the file holds a group at this path.
     *
     * @param path e.g. {@code layers/conv2d}
     * @return true when it is a group
     */
    public boolean hasGroup(String path) {
        return node(path) instanceof Group;
    }

    /**
     * The shapes of an object's variables, from the datasets' headers, without reading data.
     *
     * @param path the object's path, e.g. {@code layers/conv2d}
     * @return one shape per variable, in index order; empty when the object has no {@code vars}
     *     group or an empty one
     * @throws LaminaIOException when {@code vars} holds something other than datasets
     *     {@code 0 … n-1}
     */
    public List<long[]> shapes(String path) {
        List<long[]> out = new ArrayList<>();
        for (Dataset d : vars(path)) {
            out.add(H5Arrays.shape(d));
        }
        return out;
    }

    /**
     * Reads an object's variables.
     *
     * @param path the object's path, e.g. {@code layers/conv2d}
     * @return the arrays in index order, each with its dataset's shape and numeric type
     * @throws LaminaIOException naming the dataset when one is unreadable, not numeric, or larger
     *     than the file's limits allow
     */
    public List<INDArray> read(String path) {
        List<INDArray> out = new ArrayList<>();
        List<Dataset> ds = vars(path);
        for (int i = 0; i < ds.size(); i++) {
            out.add(arrays.read(ds.get(i), where(path, i)));
        }
        return out;
    }

    /**
     * The name Keras recorded for the object (attribute {@code name} of its {@code vars} group,
     * written by newer Keras versions).
     *
     * @param path the object's path
     * @return the layer name, or empty when the file does not record it
     */
    public Optional<String> storedName(String path) {
        if (node(join(path, "vars")) instanceof Group g) {
            Attribute a = g.getAttribute("name");
            if (a != null && a.getData() instanceof String s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The groups directly under a path.
     *
     * @param path e.g. {@code layers}; empty for the root
     * @return their names, in the file's order; empty when there is no such group
     */
    public List<String> children(String path) {
        List<String> out = new ArrayList<>();
        if ((path.isEmpty() ? root : node(path)) instanceof Group g) {
            for (Node n : g.getChildren().values()) {
                if (n instanceof Group) {
                    out.add(n.getName());
                }
            }
        }
        return out;
    }

    /**
     * The number of values the datasets under a path hold together, from their headers.
     *
     * @param path e.g. {@code layers}
     * @return the element count; 0 when there is no such group
     */
    public long countElements(String path) {
        Node n = path.isEmpty() ? root : node(path);
        return n == null ? 0 : count(n);
    }

    /**
     * The path of one variable, for messages.
     *
     * @param path the object's path
     * @param index the variable's index
     * @return e.g. {@code model.weights.h5:/layers/conv2d/vars/0}
     */
    public String where(String path, int index) {
        return label + "/" + join(path, "vars/" + index);
    }

    private long count(Node n) {
        if (n instanceof Dataset d) {
            return d.getSize();
        }
        long total = 0;
        if (n instanceof Group g) {
            for (Node c : g.getChildren().values()) {
                total = Math.addExact(total, count(c));
            }
        }
        return total;
    }

    private List<Dataset> vars(String path) {
        Node n = node(join(path, "vars"));
        List<Dataset> out = new ArrayList<>();
        if (!(n instanceof Group g)) {
            return out;
        }
        int size = g.getChildren().size();
        for (int i = 0; i < size; i++) {
            Node c;
            try {
                c = g.getChild(Integer.toString(i));
            } catch (HdfException e) {
                c = null;
            }
            if (!(c instanceof Dataset d)) {
                throw H5Arrays.error(file, label + "/" + join(path, "vars"), "holds " + size + " entries " + g.getChildren()
                        .keySet() + ", but not the dataset \"" + i + "\" (expected datasets 0 … " + (size - 1) + ")",
                        null);
            }
            out.add(d);
        }
        return out;
    }

    private Node node(String path) {
        try {
            return root.getByPath(path);
        } catch (HdfException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "/" + child;
    }
}

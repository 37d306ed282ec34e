package dev.lamina.saving.h5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An HDF5 group to be written: string attributes, sub-groups and array datasets, kept in the order
 * they were added, written in one go by {@link #writeTo}. Arrays are written with their shape, as
 * float64 when they are float64 and as float32 otherwise (Keras' weight type). Empty array
 * attributes and groups that hold no dataset (directly or below) are not written: the HDF5 library
 * used cannot write the former and damages the file with the latter.
 */
public final class H5Tree {

    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<String, Object> children = new LinkedHashMap<>();

    /** An empty group (the file's root when written with {@link #writeTo}). */
    public H5Tree() {
    }

    /**
     * Sets a string attribute.
     *
     * @param name the attribute's name
     * @param value its value
     * @return this group
     */
    public H5Tree attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    /**
     * Sets a string-array attribute.
     *
     * @param name the attribute's name
     * @param values its values, at least one
     * @return this group
     * @throws IllegalArgumentException when {@code values} is empty
     */
    public H5Tree attribute(String name, String[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("attribute \"" + name + "\": empty arrays cannot be written");
        }
        attributes.put(name, values.clone());
        return this;
    }

    /**
     * The sub-group of that name, created when missing.
     *
     * @param name the group's name (no {@code /})
     * @return the sub-group
     * @throws IllegalArgumentException when a dataset has that name
     */
    public H5Tree group(String name) {
        Object c = children.computeIfAbsent(name, k -> new H5Tree());
        if (!(c instanceof H5Tree g)) {
            throw new IllegalArgumentException("\"" + name + "\" is a dataset, not a group");
        }
        return g;
    }

    /**
     * Adds a dataset holding a copy of the array's values, in row-major order, with its shape.
     *
     * @param name the dataset's name
     * @param value the array, of rank 1 or more
     * @return this group
     * @throws IllegalArgumentException when the name is taken or the array is a scalar
     */
    public H5Tree dataset(String name, INDArray value) {
        if (value.rank() == 0) {
            throw new IllegalArgumentException("dataset \"" + name + "\": scalars are not written");
        }
        if (children.putIfAbsent(name, nested(value)) != null) {
            throw new IllegalArgumentException("\"" + name + "\" is written twice");
        }
        return this;
    }

    /**
     * Writes this group as the root of a new HDF5 file.
     *
     * @param file the file: absent or empty (it is not truncated)
     * @throws IOException when writing fails
     */
    public void writeTo(Path file) throws IOException {
        try (WritableHdfFile f = HdfFile.write(file)) {
            fill(f, this);
        } catch (HdfException e) {
            throw new IOException("Cannot write HDF5 file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void fill(WritableGroup target, H5Tree tree) {
        putAttributes(target, tree);
        for (Map.Entry<String, Object> c : tree.children.entrySet()) {
            if (c.getValue() instanceof H5Tree sub) {
                // Groups without datasets are left out: the HDF5 library used writes a damaged file
                // (an unreadable object header) when a file holds an empty group beside datasets.
                if (sub.holdsData()) {
                    fill(target.putGroup(c.getKey()), sub);
                }
            } else {
                target.putDataset(c.getKey(), c.getValue());
            }
        }
    }

    private boolean holdsData() {
        for (Object c : children.values()) {
            if (!(c instanceof H5Tree sub) || sub.holdsData()) {
                return true;
            }
        }
        return false;
    }

    private static void putAttributes(WritableNode node, H5Tree tree) {
        for (Map.Entry<String, Object> a : tree.attributes.entrySet()) {
            node.putAttribute(a.getKey(), a.getValue());
        }
    }

    /** An array as the nested Java array of its shape, which the HDF5 library writes with that shape. */
    static Object nested(INDArray a) {
        boolean dbl = a.dataType() == DataType.DOUBLE;
        INDArray c = (dbl ? a : a.castTo(DataType.FLOAT)).dup('c');
        Object flat = dbl ? c.data().asDouble() : c.data().asFloat();
        int[] dims = new int[a.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(a.size(i));
        }
        if (dims.length == 1) {
            return flat;
        }
        Object out = Array.newInstance(dbl ? double.class : float.class, dims);
        fill(out, dims, 0, flat, new int[] {0});
        return out;
    }

    private static void fill(Object array, int[] dims, int depth, Object flat, int[] pos) {
        if (depth == dims.length - 1) {
            int n = Array.getLength(array);
            System.arraycopy(flat, pos[0], array, 0, n);
            pos[0] += n;
            return;
        }
        for (int i = 0; i < dims[depth]; i++) {
            fill(Array.get(array, i), dims, depth + 1, flat, pos);
        }
    }
}

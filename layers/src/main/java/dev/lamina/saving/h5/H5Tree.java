package dev.lamina.saving.h5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An HDF5 group to be written: string attributes, sub-groups and array datasets, written in one go
 * by {@link #writeTo}. Arrays are written with their shape (scalars included), as float64 when they
 * are float64, as int64 when they hold integers and as float32 otherwise (Keras' weight type).
 * Empty groups are written too, as Keras writes one for every object without variables. Empty
 * array attributes are not: the HDF5 library used cannot write them.
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
     * @param value the array; a scalar becomes a scalar dataset
     * @return this group
     * @throws IllegalArgumentException when the name is taken
     */
    public H5Tree dataset(String name, INDArray value) {
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
        boolean ordered = writeInOurOrder(target);
        for (Map.Entry<String, Object> c : ordered ? dataLast(tree) : tree.children.entrySet()) {
            if (c.getValue() instanceof H5Tree sub) {
                // Without control of the order, an empty group may be the last object of the file,
                // where the library's closing note overwrites it (see writeInOurOrder).
                if (ordered || sub.holdsData()) {
                    fill(target.putGroup(c.getKey()), sub);
                }
            } else {
                target.putDataset(c.getKey(), c.getValue());
            }
        }
    }

    /**
     * The children with every group that holds no dataset first. The HDF5 library lays objects out
     * in the order it writes them and, on closing, writes a note of its version where the last
     * dataset's values end: any object placed after the last dataset is overwritten, which for an
     * empty group leaves an unreadable object header. With datasets last, the note goes at the
     * end of the file.
     */
    private static List<Map.Entry<String, Object>> dataLast(H5Tree tree) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Object> c : tree.children.entrySet()) {
            if (c.getValue() instanceof H5Tree sub && !sub.holdsData()) {
                out.add(c);
            }
        }
        for (Map.Entry<String, Object> c : tree.children.entrySet()) {
            if (!(c.getValue() instanceof H5Tree sub) || sub.holdsData()) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Makes the library write this group's children in the order they are added: it keeps them in
     * a hash map, which would write them in hash order, so that the layout of {@link #dataLast}
     * could not be had.
     *
     * @return whether the order is now ours; false when this library version keeps its children
     *     otherwise (empty groups are then left out)
     */
    private static boolean writeInOurOrder(WritableGroup group) {
        try {
            Object target = group;
            if (group instanceof WritableHdfFile) {
                Field root = WritableHdfFile.class.getDeclaredField("rootGroup");
                root.setAccessible(true);
                target = root.get(group);
            }
            Field children = target.getClass().getDeclaredField("children");
            children.setAccessible(true);
            Map<?, ?> current = (Map<?, ?>) children.get(target);
            if (!current.isEmpty()) {
                return false;
            }
            children.set(target, new LinkedHashMap<String, Node>());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
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

    /**
     * An array as the nested Java array of its shape, which the HDF5 library writes with that
     * shape: {@code double} for float64, {@code long} for integer types, {@code float} otherwise; a
     * scalar as the boxed value.
     */
    static Object nested(INDArray a) {
        DataType type = a.dataType();
        boolean dbl = type == DataType.DOUBLE;
        boolean lng = type.isIntType();
        if (a.rank() == 0) {
            return dbl ? (Object) a.getDouble(0) : lng ? (Object) a.getLong(0) : (Object) a.getFloat(0);
        }
        Object flat;
        Class<?> element;
        if (dbl) {
            flat = a.dup('c').data().asDouble();
            element = double.class;
        } else if (lng) {
            flat = a.castTo(DataType.LONG).dup('c').data().asLong();
            element = long.class;
        } else {
            flat = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
            element = float.class;
        }
        int[] dims = new int[a.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(a.size(i));
        }
        if (dims.length == 1) {
            return flat;
        }
        Object out = Array.newInstance(element, dims);
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

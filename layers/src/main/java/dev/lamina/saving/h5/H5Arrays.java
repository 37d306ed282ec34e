package dev.lamina.saving.h5;

import dev.lamina.core.LaminaIOException;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads datasets of an untrusted HDF5 file as arrays within a byte budget: a dataset's declared
 * size (from its header, before any data is read) is checked against what the file may still
 * hold, so a header that claims terabytes fails with a message instead of an allocation.
 */
final class H5Arrays {

    private final Path file;
    private final Limits limits;
    private long read;

    H5Arrays(Path file, Limits limits) {
        this.file = file;
        this.limits = limits;
    }

    /** A dataset's shape from its header. */
    static long[] shape(Dataset d) {
        return Arrays.stream(d.getDimensions()).asLongStream().toArray();
    }

    /** Reads a numeric dataset after checking its declared size against the remaining budget. */
    INDArray read(Dataset d, String where) {
        long[] shape = shape(d);
        long declared;
        try {
            declared = d.getSizeInBytes();
        } catch (HdfException | ArithmeticException e) {
            throw error(file, where, "has an unreadable size (" + e.getMessage() + ")", e);
        }
        long remaining = limits.maxTotalBytes() - read;
        if (declared < 0 || declared > remaining || d.getSize() > Integer.MAX_VALUE - 16) {
            throw error(file, where, "declares " + declared + " bytes " + Arrays.toString(shape) + ", more than the "
                    + "limit of " + limits.maxTotalBytes() + " bytes per file allows (" + remaining + " left)", null);
        }
        INDArray direct = readFloatsDirectly(d, shape);
        if (direct != null) {
            read += declared;
            return direct;
        }
        Object flat;
        try {
            flat = d.isEmpty() ? null : d.getDataFlat();
        } catch (HdfException | IllegalArgumentException | UnsupportedOperationException e) {
            throw error(file, where, "unreadable dataset (" + e.getMessage() + ")", e);
        }
        read += declared;
        if (flat == null && d.getSize() == 0) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
        if (shape.length == 0 && flat != null && !flat.getClass().isArray()) {
            // A scalar dataset comes back as a boxed number.
            if (flat instanceof Float f) {
                return Nd4j.scalar(f);
            }
            if (flat instanceof Double f) {
                return Nd4j.scalar(f);
            }
            if (flat instanceof Number n) {
                return Nd4j.scalar(n.longValue());
            }
        }
        if (flat instanceof float[] f) {
            return Nd4j.create(f, shape, 'c');
        }
        if (flat instanceof double[] f) {
            return Nd4j.create(f, shape, 'c');
        }
        if (flat instanceof int[] f) {
            return Nd4j.createFromArray(f).reshape(shape);
        }
        if (flat instanceof long[] f) {
            return Nd4j.createFromArray(f).reshape(shape);
        }
        throw error(file, where, "expected a numeric array, found " + (flat == null ? "nothing"
                : flat.getClass().getSimpleName()), null);
    }

    /**
     * A contiguous float32 dataset copied from the file's bytes straight into a new array: going
     * through jHDF's Java array and then ND4J's made every weight cross the Java heap twice.
     *
     * @return the array, or {@code null} when the dataset is not of that kind
     */
    private static INDArray readFloatsDirectly(Dataset d, long[] shape) {
        if (!(d instanceof ContiguousDataset c) || !(d.getDataType() instanceof FloatingPoint fp)
                || fp.getSize() != Float.BYTES || shape.length == 0 || d.isEmpty()) {
            return null;
        }
        ByteBuffer bytes;
        try {
            bytes = c.getBuffer();
        } catch (HdfException e) {
            return null;
        }
        if (bytes == null || bytes.remaining() != d.getSize() * Float.BYTES) {
            return null;
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        FloatBuffer target = out.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        target.put(bytes.duplicate().order(fp.getByteOrder()).asFloatBuffer());
        return out;
    }

    /**
     * A string attribute of a group, such as {@code model_config}, refused when longer than the
     * JSON limit.
     *
     * @return the string, or {@code null} when the group has no such attribute
     */
    String stringAttribute(Group g, String name) {
        Attribute a = g.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object v;
        try {
            v = a.getData();
        } catch (HdfException e) {
            throw error(file, path(g, "@" + name), "unreadable attribute (" + e.getMessage() + ")", e);
        }
        if (v instanceof String[] ss && ss.length == 1) {
            v = ss[0];
        }
        if (!(v instanceof String s)) {
            throw error(file, path(g, "@" + name), "expected a string, found "
                    + (v == null ? "nothing" : v.getClass().getSimpleName()), null);
        }
        if (s.length() > limits.maxJsonBytes()) {
            throw error(file, path(g, "@" + name), "holds " + s.length() + " characters, more than the limit of "
                    + limits.maxJsonBytes(), null);
        }
        return s;
    }

    static String path(Group g, String child) {
        return g.getPath() + (g.getPath().endsWith("/") ? "" : "/") + child;
    }

    static LaminaIOException error(Path file, String where, String message, Throwable cause) {
        return new LaminaIOException(new ModelFormatException(file, where, message, cause));
    }
}

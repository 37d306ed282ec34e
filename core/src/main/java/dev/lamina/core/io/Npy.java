package dev.lamina.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (versions 1.0 to 3.0, little-endian, C order): the reference cases,
 * Keras' {@code mnist.npz}, saved weights and checkpoints all use it.
 */
public final class Npy {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /**
     * Reads a file.
     *
     * @param file the .npy file
     * @return the array
     * @throws IOException naming the file when it cannot be read or is not a supported .npy
     */
    public static INDArray read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads from a stream (e.g. a zip entry).
     *
     * @param in the stream, read to its end
     * @param name a name for error messages
     * @return the array
     * @throws IOException when the content is not a supported .npy
     */
    public static INDArray read(InputStream in, String name) throws IOException {
        return read(in.readAllBytes(), name);
    }

    /**
     * Parses .npy bytes: float32 ({@code <f4}), float64 ({@code <f8}), int32, int64, int8 and uint8.
     *
     * @param bytes the content
     * @param name a name for error messages
     * @return the array
     * @throws IOException when the content is not a supported .npy
     */
    public static INDArray read(byte[] bytes, String name) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IOException(name + ": not a .npy file (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get() != MAGIC[i]) {
                throw new IOException(name + ": not a .npy file (bad magic)");
            }
        }
        int major = buf.get();
        buf.get();
        long headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
        if (headerLength > buf.remaining()) {
            throw new IOException(name + ": truncated .npy header");
        }
        byte[] header = new byte[(int) headerLength];
        buf.get(header);
        String h = new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(h);
        Matcher f = FORTRAN.matcher(h);
        Matcher s = SHAPE.matcher(h);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(name + ": unreadable .npy header " + h.trim());
        }
        if ("True".equals(f.group(1))) {
            throw new IOException(name + ": Fortran-order arrays are not supported");
        }
        if (">".equals(d.group(1))) {
            throw new IOException(name + ": big-endian arrays are not supported");
        }
        long[] shape = parseShape(s.group(1), name);
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        String type = d.group(2) + d.group(3);
        int width = Integer.parseInt(d.group(3));
        if (count * width != buf.remaining()) {
            throw new IOException(name + ": data holds " + buf.remaining() + " bytes, the header promises " + count
                    + " values of " + width + " bytes (shape " + java.util.Arrays.toString(shape) + ")");
        }
        ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        INDArray flat;
        int n = Math.toIntExact(count);
        switch (type) {
            case "f4": {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "f8": {
                double[] v = new double[n];
                data.asDoubleBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "i4": {
                int[] v = new int[n];
                data.asIntBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "i8": {
                long[] v = new long[n];
                data.asLongBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "u1":
            case "i1": {
                flat = Nd4j.create(type.equals("u1") ? DataType.UINT8 : DataType.BYTE, n);
                // Straight into the native buffer: no int or float copy of what may be a whole
                // dataset's pixels.
                flat.data().asNio().put(data);
                break;
            }
            default:
                throw new IOException(name + ": unsupported dtype " + d.group(0));
        }
        return shape.length == 0 ? flat.reshape() : flat.reshape('c', shape);
    }

    /**
     * Writes a file (version 1.0).
     *
     * @param array float32, float64, int32, int64, int8 or uint8
     * @param file the target
     * @throws IOException when writing fails
     */
    public static void write(INDArray array, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(array, out);
        }
    }

    /**
     * Writes .npy bytes to a stream (version 1.0).
     *
     * @param array float32, float64, int32, int64, int8 or uint8
     * @param out the stream (not closed)
     * @throws IOException when writing fails
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        DataType type = array.dataType();
        String descr;
        switch (type) {
            case FLOAT: descr = "<f4"; break;
            case DOUBLE: descr = "<f8"; break;
            case INT: descr = "<i4"; break;
            case LONG: descr = "<i8"; break;
            case BYTE: descr = "|i1"; break;
            case UBYTE: descr = "|u1"; break;
            default: throw new IOException("cannot write " + type + " arrays as .npy");
        }
        StringJoiner shape = new StringJoiner(", ", "(", array.rank() == 1 ? ",)" : ")");
        for (long d : array.shape()) {
            shape.add(Long.toString(d));
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(MAGIC);
        head.write(1);
        head.write(0);
        head.write(header.length() & 0xff);
        head.write((header.length() >> 8) & 0xff);
        head.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toByteArray());
        INDArray c = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
        ByteBuffer data = c.data().asNio();
        int width = type.width();
        byte[] bytes = new byte[Math.toIntExact(c.length() * width)];
        ByteBuffer src = data.duplicate().order(ByteOrder.nativeOrder());
        src.position(Math.toIntExact(c.offset() * width));
        src.get(bytes);
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN && width > 1) {
            throw new IOException("writing .npy needs a little-endian machine");
        }
        out.write(bytes);
    }

    private static long[] parseShape(String text, String name) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                try {
                    long v = Long.parseLong(t.replace("L", ""));
                    if (v < 0) {
                        throw new IOException(name + ": negative dimension in .npy header");
                    }
                    dims.add(v);
                } catch (NumberFormatException e) {
                    throw new IOException(name + ": bad shape in .npy header: (" + text + ")", e);
                }
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}

package dev.lamina.core.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
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
import java.util.Arrays;
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
    /** Reading granularity: memory for a stream's data grows by at most this much past what it held. */
    private static final int CHUNK = 1 << 20;
    /** NumPy's own readers refuse longer headers; a real one is a few hundred bytes. */
    private static final int MAX_HEADER = 1 << 20;
    /** The most bytes (and so values) one array's Java-indexed buffer view can hold. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    private Npy() {
    }

    /**
     * Reads a file. The file's size is checked against the header's shape before the array is
     * allocated, so a header promising more than the file holds costs no memory.
     *
     * @param file the .npy file
     * @return the array
     * @throws IOException naming the file when it cannot be read or is not a supported .npy
     */
    public static INDArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /**
     * Reads from a stream (e.g. a zip entry): the header, then exactly the bytes it promises. Memory
     * grows only with bytes the stream actually delivers, never to a size a header merely declares,
     * and a stream longer than its header says is refused without being read to its end.
     *
     * @param in the stream, which must end where the array's data ends
     * @param name a name for error messages
     * @return the array
     * @throws IOException when the content is not a supported .npy
     */
    public static INDArray read(InputStream in, String name) throws IOException {
        return read(in, name, -1);
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
        return read(new ByteArrayInputStream(bytes), name, bytes.length);
    }

    /** @param size the stream's total length when known (a file, a byte array), else -1 */
    private static INDArray read(InputStream in, String name, long size) throws IOException {
        byte[] preamble = in.readNBytes(MAGIC.length + 2);
        if (preamble.length < MAGIC.length + 2) {
            throw new IOException(name + ": not a .npy file (" + preamble.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble[i] != MAGIC[i]) {
                throw new IOException(name + ": not a .npy file (bad magic)");
            }
        }
        int major = preamble[MAGIC.length];
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (lengthBytes.length < (major == 1 ? 2 : 4)) {
            throw new IOException(name + ": truncated .npy header");
        }
        ByteBuffer lb = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
        if (headerLength > MAX_HEADER) {
            throw new IOException(name + ": .npy header of " + headerLength + " bytes, more than the " + MAX_HEADER
                    + " a .npy header may have");
        }
        byte[] header = in.readNBytes((int) headerLength);
        if (header.length < headerLength) {
            throw new IOException(name + ": truncated .npy header");
        }
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
        String type = d.group(2) + d.group(3);
        DataType dataType = dataType(type, d.group(0), name);
        int width = dataType.width();
        long count = count(shape, width, name);
        long bytes = count * width;
        if (size >= 0 && size - (preamble.length + lengthBytes.length + headerLength) != bytes) {
            throw new IOException(name + ": data holds " + (size - preamble.length - lengthBytes.length - headerLength)
                    + " bytes, the header promises " + count + " values of " + width + " bytes (shape "
                    + Arrays.toString(shape) + ")");
        }
        // With the total length checked above, the data goes straight into the array; a stream of
        // unknown length is read first, so that memory follows what it holds.
        List<byte[]> chunks = size >= 0 ? List.of() : readAtMost(in, bytes, name, shape, width);
        INDArray flat = Nd4j.create(dataType, count);
        fill(flat, in, chunks, bytes, name, shape, width);
        return shape.length == 0 ? flat.reshape() : flat.reshape('c', shape);
    }

    private static DataType dataType(String type, String descr, String name) throws IOException {
        return switch (type) {
            case "f4" -> DataType.FLOAT;
            case "f8" -> DataType.DOUBLE;
            case "i4" -> DataType.INT;
            case "i8" -> DataType.LONG;
            case "u1" -> DataType.UINT8;
            case "i1" -> DataType.BYTE;
            default -> throw new IOException(name + ": unsupported dtype " + descr);
        };
    }

    /** The number of values of a shape, which one array (int-indexed in Java) must be able to hold. */
    private static long count(long[] shape, int width, String name) throws IOException {
        long count = 1;
        for (long dim : shape) {
            if (dim != 0 && count > MAX_VALUES / dim) {
                throw new IOException(name + ": the .npy header's shape " + Arrays.toString(shape)
                        + " describes more values than one array can hold");
            }
            count *= dim;
        }
        if (count > MAX_VALUES / width) {
            throw new IOException(name + ": the .npy header's shape " + Arrays.toString(shape) + " describes "
                    + count + " values of " + width + " bytes, more than one array can hold");
        }
        return count;
    }

    /**
     * The stream's data in chunks, failing unless it holds exactly {@code bytes}: fewer end the
     * stream early; one more byte means the stream is longer than its header (not read further).
     */
    private static List<byte[]> readAtMost(InputStream in, long bytes, String name, long[] shape, int width)
            throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long done = 0;
        while (done < bytes) {
            int want = (int) Math.min(CHUNK, bytes - done);
            byte[] chunk = in.readNBytes(want);
            done += chunk.length;
            chunks.add(chunk);
            if (chunk.length < want) {
                throw new IOException(name + ": data holds " + done + " bytes, the header promises " + bytes / width
                        + " values of " + width + " bytes (shape " + Arrays.toString(shape) + ")");
            }
        }
        if (in.read() >= 0) {
            throw new IOException(name + ": data holds more than the " + bytes + " bytes the header promises ("
                    + bytes / width + " values of " + width + " bytes, shape " + Arrays.toString(shape) + ")");
        }
        return chunks;
    }

    /**
     * Copies the data into the array's native buffer (NumPy's little-endian bytes are the buffer's
     * own on a little-endian machine): no typed Java copy of what may be a whole data set.
     */
    private static void fill(INDArray flat, InputStream in, List<byte[]> chunks, long bytes, String name,
            long[] shape, int width) throws IOException {
        if (bytes == 0) {
            return;
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN && width > 1) {
            throw new IOException(name + ": reading multi-byte .npy values needs a little-endian machine");
        }
        ByteBuffer target = flat.data().asNio();
        if (!chunks.isEmpty()) {
            for (byte[] c : chunks) {
                target.put(c);
            }
            return;
        }
        byte[] chunk = new byte[(int) Math.min(CHUNK, bytes)];
        long done = 0;
        while (done < bytes) {
            int got = in.read(chunk, 0, (int) Math.min(chunk.length, bytes - done));
            if (got < 0) {
                throw new IOException(name + ": data holds " + done + " bytes, the header promises " + bytes / width
                        + " values of " + width + " bytes (shape " + Arrays.toString(shape) + ")");
            }
            target.put(chunk, 0, got);
            done += got;
        }
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

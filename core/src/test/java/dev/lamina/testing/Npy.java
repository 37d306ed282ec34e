package dev.lamina.testing;

import dev.lamina.core.Lamina;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads NumPy {@code .npy} files (format 1.0-3.0, little-endian, C order) into ND4J arrays. */
public final class Npy {

    static {
        // Lamina picks the native build before ND4J loads one: tests may touch ND4J here first.
        Lamina.init();
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Reads one array.
     *
     * @param file the .npy file
     * @return float32 ({@code <f4}), float64 ({@code <f8}), int32 ({@code <i4}) or int64 ({@code <i8}) array
     * @throws IOException if the file cannot be read or is not a supported .npy
     */
    public static INDArray read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        if (magic[0] != (byte) 0x93 || !"NUMPY".equals(new String(magic, 1, 5, StandardCharsets.US_ASCII))) {
            throw new IOException(file + ": not a .npy file (bad magic)");
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] header = new byte[headerLength];
        buf.get(header);
        String h = new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(h);
        Matcher f = FORTRAN.matcher(h);
        Matcher s = SHAPE.matcher(h);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(file + ": unreadable .npy header " + h.trim());
        }
        if ("True".equals(f.group(1))) {
            throw new IOException(file + ": Fortran-order arrays are not supported");
        }
        if (">".equals(d.group(1))) {
            throw new IOException(file + ": big-endian arrays are not supported");
        }
        long[] shape = parseShape(s.group(1));
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        String type = d.group(2) + d.group(3);
        INDArray flat;
        switch (type) {
            case "f4": {
                float[] v = new float[(int) count];
                data.asFloatBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "f8": {
                double[] v = new double[(int) count];
                data.asDoubleBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "i4": {
                int[] v = new int[(int) count];
                data.asIntBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case "i8": {
                long[] v = new long[(int) count];
                data.asLongBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            default:
                throw new IOException(file + ": unsupported dtype " + d.group(0));
        }
        return shape.length == 0 ? flat.reshape() : flat.reshape('c', shape);
    }

    private static long[] parseShape(String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                dims.add(Long.parseLong(t.replace("L", "")));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}

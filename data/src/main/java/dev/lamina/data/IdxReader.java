package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (detected by the
 * gzip magic bytes, not by the file name).
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x0000TTRR} (TT the element type, {@code 08} for
 * unsigned bytes; RR the number of dimensions), then each dimension as a big-endian 32-bit integer,
 * then the elements in row-major order. The reader checks the magic number, the dimensions and that
 * the file holds exactly the bytes the dimensions describe; anything else is a
 * {@link DatasetFormatException} naming the file and what was wrong.
 */
public final class IdxReader {

    /** Magic number of an IDX label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an IDX image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_RANK = 8;

    private IdxReader() {
    }

    /**
     * Reads an IDX label file (magic {@code 0x00000801}).
     *
     * @param file a plain or gzip-compressed IDX file
     * @return uint8 array of shape (N)
     * @throws LaminaIOException when the file cannot be read or is not an IDX label file
     */
    public static INDArray readLabels(Path file) {
        try {
            return read(file, LABELS_MAGIC);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    /**
     * Reads an IDX image file (magic {@code 0x00000803}).
     *
     * @param file a plain or gzip-compressed IDX file
     * @return uint8 array of shape (N, rows, columns)
     * @throws LaminaIOException when the file cannot be read or is not an IDX image file
     */
    public static INDArray readImages(Path file) {
        try {
            return read(file, IMAGES_MAGIC);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    /**
     * Reads any unsigned-byte IDX file (magic {@code 0x000008RR}, 1 to 8 dimensions).
     *
     * @param file a plain or gzip-compressed IDX file
     * @return uint8 array with the file's dimensions
     * @throws LaminaIOException when the file cannot be read or is not an unsigned-byte IDX file
     */
    public static INDArray read(Path file) {
        try {
            return read(file, 0);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    private static INDArray read(Path file, int expectedMagic) throws IOException {
        try (InputStream in = Streams.open(file)) {
            return read(in, file.toString(), expectedMagic);
        }
    }

    /**
     * Reads an IDX stream.
     *
     * @param raw the stream, plain or gzip
     * @param name the file as named in error messages
     * @param expectedMagic the magic number required, or 0 for any unsigned-byte IDX file
     */
    static INDArray read(InputStream raw, String name, int expectedMagic) throws IOException {
        InputStream in = Streams.maybeGunzip(raw, name);
        int magic = toInt(Streams.readFully(in, 4, name, "IDX magic number"), 0);
        checkMagic(magic, expectedMagic, name);
        int rank = magic & 0xFF;
        byte[] header = Streams.readFully(in, 4 * rank, name, "IDX header (" + rank + " dimensions)");
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            int d = toInt(header, 4 * i);
            if (d < 0) {
                throw new DatasetFormatException(name, "dimension " + i + " in the IDX header is negative ("
                        + d + "): not a valid IDX file");
            }
            shape[i] = d;
        }
        if (rank == 3 && (shape[1] == 0 || shape[2] == 0)) {
            throw new DatasetFormatException(name, "images of size " + shape[1] + "x" + shape[2]
                    + " in the IDX header");
        }
        INDArray array = UInt8.read(in, shape, name, "IDX header " + Arrays.toString(shape));
        if (in.read() >= 0) {
            throw new DatasetFormatException(name, "longer than its IDX header " + Arrays.toString(shape)
                    + " describes (" + (4 + 4L * rank + UInt8.count(shape, name))
                    + " bytes expected after decompression): corrupt or not this data set's file");
        }
        return array;
    }

    private static void checkMagic(int magic, int expected, String name) throws DatasetFormatException {
        if (expected != 0) {
            if (magic != expected) {
                throw new DatasetFormatException(name, String.format(
                        "wrong magic number 0x%08X, expected 0x%08X (IDX %s): not an IDX %s file",
                        magic, expected, describe(expected), expected == LABELS_MAGIC ? "label" : "image"));
            }
            return;
        }
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UNSIGNED_BYTE || rank < 1 || rank > MAX_RANK) {
            throw new DatasetFormatException(name, String.format(
                    "wrong magic number 0x%08X, expected 0x000008RR (unsigned bytes, RR = 1 to %d dimensions):"
                            + " not an unsigned-byte IDX file", magic, MAX_RANK));
        }
    }

    private static String describe(int magic) {
        int rank = magic & 0xFF;
        return "unsigned bytes, " + rank + (rank == 1 ? " dimension" : " dimensions");
    }

    private static int toInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}

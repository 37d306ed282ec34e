package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Helpers shared by the data tests: the real test data, and writers for small files in real formats. */
final class TestFiles {

    private TestFiles() {
    }

    /** The shared test data folder; fails (does not skip) when the property is missing. */
    static Path testData() {
        String dir = System.getProperty("lamina.testdata");
        assertThat(dir).as("system property lamina.testdata (set by the parent pom's Surefire configuration)")
                .isNotNull();
        Path p = Path.of(dir);
        assertThat(p).as("lamina.testdata folder").isDirectory();
        return p;
    }

    /** Sum of all values of a uint8 array, in long precision. */
    static long sum(INDArray a) {
        assertThat(a.dataType()).isEqualTo(DataType.UINT8);
        byte[] b = UInt8.bytes(a);
        long s = 0;
        for (byte x : b) {
            s += x & 0xFF;
        }
        return s;
    }

    /** Counts of each value 0..bins-1 in a uint8 array. */
    static long[] histogram(INDArray labels, int bins) {
        long[] h = new long[bins];
        for (byte x : UInt8.bytes(labels)) {
            h[x & 0xFF]++;
        }
        return h;
    }

    /** An IDX unsigned-byte file's bytes. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(0x00000800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** n fake 28x28 images, every pixel of image i equal to {@code (seed + i) % 256}. */
    static byte[] fakeImages(int n, int seed) {
        byte[] b = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(b, i * 784, (i + 1) * 784, (byte) ((seed + i) % 256));
        }
        return b;
    }

    /**
     * Writes a tiny but well-formed MNIST-like set (gzip IDX, canonical names) into {@code dir}:
     * {@code train} and {@code test} images, every pixel of the first training image equal to {@code seed}.
     */
    static Path writeFakeMnist(Path dir, int train, int test, int seed) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(IdxDatasets.TRAIN_IMAGES), gzip(idx(new int[] {train, 28, 28}, fakeImages(train, seed))));
        Files.write(dir.resolve(IdxDatasets.TRAIN_LABELS), gzip(idx(new int[] {train}, labels(train))));
        Files.write(dir.resolve(IdxDatasets.TEST_IMAGES), gzip(idx(new int[] {test, 28, 28}, fakeImages(test, seed))));
        Files.write(dir.resolve(IdxDatasets.TEST_LABELS), gzip(idx(new int[] {test}, labels(test))));
        return dir;
    }

    static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 10);
        }
        return b;
    }

    /** A NumPy .npy (version 1.0) of a uint8 array, written the way numpy.save does. */
    static byte[] npy(long[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.put((byte) (header.length() & 0xFF)).put((byte) (header.length() >> 8));
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    /** Keras' mnist.npz layout: x_train, y_train, x_test, y_test. */
    static void writeMnistNpz(Path file, int train, int test, int seed) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "x_train.npy", npy(new long[] {train, 28, 28}, fakeImages(train, seed)));
            entry(zip, "y_train.npy", npy(new long[] {train}, labels(train)));
            entry(zip, "x_test.npy", npy(new long[] {test, 28, 28}, fakeImages(test, seed)));
            entry(zip, "y_test.npy", npy(new long[] {test}, labels(test)));
        }
    }

    static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** A ustar tar archive of the given (name, content) pairs. */
    static byte[] tar(Object... nameContent) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameContent.length; i += 2) {
            String name = (String) nameContent[i];
            byte[] content = (byte[]) nameContent[i + 1];
            byte[] h = new byte[512];
            put(h, 0, name);
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", content.length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            h[262] = 0;
            put(h, 263, "00");
            for (int j = 148; j < 156; j++) {
                h[j] = ' ';
            }
            long sum = 0;
            for (byte x : h) {
                sum += x & 0xFF;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.write(h);
            out.write(content);
            out.write(new byte[(512 - content.length % 512) % 512]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    /** A store that never downloads and sees only the given home folder (no Keras cache of the real user). */
    static DatasetStore offlineStore(Path home) {
        return DatasetStore.defaults().datasetsDir(null).cacheDir(home.resolve(".lamina/datasets"))
                .kerasCacheDir(home.resolve(".keras/datasets")).download(false).progress(false);
    }
}

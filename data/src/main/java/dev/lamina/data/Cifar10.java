package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIFAR-10 (Alex Krizhevsky, Vinod Nair, Geoffrey Hinton): 50000 training and 10000 test colour
 * images of 32x32 pixels in 10 classes, read from the official <em>binary</em> version. Like Keras'
 * {@code keras.datasets.cifar10.load_data()}: images uint8 {@code (N, 32, 32, 3)} channels-last,
 * labels uint8 {@code (N, 1)}.
 *
 * <p>Files in the folder {@code cifar-10-batches-bin}: {@code data_batch_1.bin} ...
 * {@code data_batch_5.bin}, {@code test_batch.bin}, {@code batches.meta.txt}. Each record is one
 * label byte, then the 1024 red, 1024 green and 1024 blue values of the image, each plane row-major.
 * Missing training batches give a warning and the present ones are used. The download is the
 * canonical {@code cifar-10-binary.tar.gz}, checked by its published MD5 and unpacked by Lamina's
 * own tar reader. Keras' cache holds the Python pickles, which are not read.
 */
public final class Cifar10 {

    /** The data set's folder name (the folder the official archive unpacks to). */
    public static final String NAME = "cifar-10-batches-bin";
    /** The test batch file. */
    public static final String TEST_BATCH = "test_batch.bin";
    /** The label-names file. */
    public static final String META = "batches.meta.txt";
    /** The training batch files, in order. */
    public static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** Class names by label, as in {@code batches.meta.txt}. */
    public static final List<String> LABEL_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** The canonical archive. */
    public static final String ARCHIVE_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** Published MD5 of the canonical archive. */
    public static final String ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    private static final Logger LOG = LoggerFactory.getLogger(Cifar10.class);
    private static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;
    private static final int PIXELS = 3 * PLANE;
    private static final int RECORD = 1 + PIXELS;
    private static final int CLASSES = 10;
    /** Records decoded at a time. */
    private static final int BLOCK = 64;
    /** Records in each file of the official version: the first guess at a file's size. */
    private static final int STANDARD_RECORDS = 10000;

    private Cifar10() {
    }

    /**
     * One decoded batch file.
     *
     * @param images uint8 {@code (N, 32, 32, 3)}, channels-last
     * @param labels uint8 {@code (N, 1)}
     */
    public record Batch(INDArray images, INDArray labels) {
    }

    /**
     * Loads CIFAR-10 from the first place that has it, downloading it if needed.
     *
     * @return the training and test images and labels with the class names
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load() {
        return load(DatasetStore.defaults());
    }

    /**
     * Loads CIFAR-10, looking first in {@code <root>/cifar-10-batches-bin/}.
     *
     * @param root a datasets root (the folder that holds {@code cifar-10-batches-bin/})
     * @return the training and test images and labels with the class names
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load(Path root) {
        return load(DatasetStore.defaults().root(root));
    }

    /**
     * Loads CIFAR-10 with the given search and download settings.
     *
     * @param store where to look and how to download
     * @return the training and test images and labels with the class names
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load(DatasetStore store) {
        try {
            return load(store, spec());
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    static ImageDataset load(DatasetStore store, DatasetSpec spec) throws IOException {
        DatasetLocation where = store.locate(spec);
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String f : TRAIN_BATCHES) {
            (where.contains(f) ? present : absent).add(f);
        }
        if (present.isEmpty()) {
            throw new IOException("CIFAR-10 in " + where + " has no training batch (" + String.join(", ", TRAIN_BATCHES)
                    + ")");
        }
        if (!where.contains(TEST_BATCH)) {
            throw new IOException("CIFAR-10 in " + where + " has no " + TEST_BATCH);
        }
        NativeBytes images = new NativeBytes((long) present.size() * STANDARD_RECORDS * PIXELS);
        NativeBytes labels = new NativeBytes((long) present.size() * STANDARD_RECORDS);
        for (String f : present) {
            decodeInto(where, f, images, labels);
        }
        Batch train = assemble(images, labels);
        if (!absent.isEmpty()) {
            LOG.warn("CIFAR-10 in {} lacks {}; using {} ({} training images)", where, String.join(", ", absent),
                    String.join(", ", present), train.labels().size(0));
        }
        images = new NativeBytes((long) STANDARD_RECORDS * PIXELS);
        labels = new NativeBytes(STANDARD_RECORDS);
        decodeInto(where, TEST_BATCH, images, labels);
        Batch test = assemble(images, labels);
        return new ImageDataset(train.images(), train.labels(), test.images(), test.labels(), labelNames(where));
    }

    /**
     * Reads one batch file of the binary version ({@code data_batch_k.bin} or {@code test_batch.bin}).
     *
     * @param file the batch file
     * @return its images {@code (N, 32, 32, 3)} and labels {@code (N, 1)}, uint8
     * @throws LaminaIOException when the file cannot be read, its size is not a multiple of 3073 bytes, or
     *     a label is outside 0..9
     */
    public static Batch readBatch(Path file) {
        try (InputStream in = Streams.open(file)) {
            NativeBytes images = new NativeBytes((long) STANDARD_RECORDS * PIXELS);
            NativeBytes labels = new NativeBytes(STANDARD_RECORDS);
            decodeInto(in, file.toString(), images, labels);
            return assemble(images, labels);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    /**
     * The description of CIFAR-10's files and download used by {@link #load(DatasetStore)}.
     *
     * @return a new spec
     */
    public static DatasetSpec spec() {
        return DatasetSpec.named(NAME).title("CIFAR-10 (binary version)")
                .files(TEST_BATCH)
                .anyOf(TRAIN_BATCHES.toArray(String[]::new))
                .optional(META)
                .archive("cifar-10-binary.tar.gz", "MD5", ARCHIVE_MD5, NAME, ARCHIVE_URL)
                .hint("The canonical download is " + ARCHIVE_URL + " (MD5 " + ARCHIVE_MD5
                        + "); it unpacks to a folder " + NAME + ".");
    }

    private static void decodeInto(DatasetLocation where, String file, NativeBytes images, NativeBytes labels)
            throws IOException {
        try (InputStream in = where.open(file)) {
            decodeInto(in, where.describe(file), images, labels);
        }
    }

    /**
     * Checks the records and converts each from planar RGB to channels-last, a block of records at
     * a time, straight into native memory: the whole file and its converted copy held as Java arrays
     * made the collector grow the Java heap to several times its initial size for the rest of the
     * program.
     */
    private static void decodeInto(InputStream in, String name, NativeBytes images, NativeBytes labels)
            throws IOException {
        byte[] raw = new byte[BLOCK * RECORD];
        byte[] hwc = new byte[BLOCK * PIXELS];
        byte[] y = new byte[BLOCK];
        long size = 0;
        long record = 0;
        while (true) {
            // Short only at the end of the stream.
            int got = in.readNBytes(raw, 0, raw.length);
            size += got;
            if (got % RECORD != 0 || (got == 0 && size == 0)) {
                throw new DatasetFormatException(name, "size " + size + " bytes is not a positive multiple of "
                        + RECORD + " (1 label byte + 3072 pixel bytes per image): truncated or not a CIFAR-10 batch");
            }
            if (got == 0) {
                return;
            }
            int n = got / RECORD;
            for (int r = 0; r < n; r++, record++) {
                int at = r * RECORD;
                int label = raw[at] & 0xFF;
                if (label >= CLASSES) {
                    throw new DatasetFormatException(name, "record " + record + " (byte offset " + (record * RECORD)
                            + ") has label " + label + ", outside 0..9: not a CIFAR-10 batch (CIFAR-100 has 2 label"
                            + " bytes)");
                }
                y[r] = (byte) label;
                int red = at + 1;
                int out = r * PIXELS;
                for (int p = 0; p < PLANE; p++) {
                    hwc[out + 3 * p] = raw[red + p];
                    hwc[out + 3 * p + 1] = raw[red + PLANE + p];
                    hwc[out + 3 * p + 2] = raw[red + 2 * PLANE + p];
                }
            }
            images.append(hwc, n * PIXELS);
            labels.append(y, n);
            if (got < raw.length) {
                return;
            }
        }
    }

    private static Batch assemble(NativeBytes images, NativeBytes labels) {
        long n = labels.size();
        return new Batch(images.toArray(n, SIDE, SIDE, 3), labels.toArray(n, 1));
    }

    private static List<String> labelNames(DatasetLocation where) throws IOException {
        if (!where.contains(META)) {
            return LABEL_NAMES;
        }
        List<String> names = new ArrayList<>();
        try (InputStream in = where.open(META)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
        }
        if (names.size() != CLASSES) {
            LOG.warn("{} lists {} class names instead of 10; using the standard names", where.describe(META),
                    names.size());
            return LABEL_NAMES;
        }
        return names;
    }
}

package dev.lamina.data;

import dev.lamina.core.Lamina;
import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Sign Language MNIST: 28x28 grey images of American Sign Language letters, as two CSV files
 * ({@code sign_mnist_train.csv}, 27455 rows; {@code sign_mnist_test.csv}, 7172 rows) with the header
 * {@code label,pixel1,...,pixel784}. Labels run 0..24 for A..Y with 9 (J, which needs motion)
 * absent: 24 classes in {@value #NUM_CLASSES} label slots, so one-hot encode with
 * {@code Utils.toCategorical(labels, SignMnist.NUM_CLASSES)}.
 *
 * <p>The files come only from Kaggle (dataset {@code datamunge/sign-language-mnist}); Lamina cannot
 * download them. Put them in {@code ~/.lamina/datasets/sign-mnist/} (or {@code <root>/sign-mnist/}).
 */
public final class SignMnist {

    /** Label slots: labels run 0..24 (9 never occurs). */
    public static final int NUM_CLASSES = 25;
    /** The data set's folder name. */
    public static final String NAME = "sign-mnist";
    /** The training file. */
    public static final String TRAIN_FILE = "sign_mnist_train.csv";
    /** The test file. */
    public static final String TEST_FILE = "sign_mnist_test.csv";
    /** Where the files can be obtained. */
    public static final String SOURCE = "https://www.kaggle.com/datasets/datamunge/sign-language-mnist";
    /** Letter by label: A..Y (label 9, J, never occurs). */
    public static final List<String> LABEL_NAMES = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K",
            "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y");

    private static final int SIDE = 28;

    private SignMnist() {
    }

    /**
     * Reads one Sign-MNIST CSV (either file), checking that labels are in 0..24.
     *
     * @param csv {@code sign_mnist_train.csv}, {@code sign_mnist_test.csv} or a file in their format
     * @return images uint8 {@code (N, 784)} and labels int32 {@code (N)}
     * @throws LaminaIOException when the file cannot be read or is malformed; a
     *     {@link DatasetFormatException} naming the file and its header line when it does not have
     *     exactly 784 pixel columns beside the label
     */
    public static CsvImageDataset loadCsv(Path csv) {
        return requireSignMnistPixels(CsvImageDataset.load(csv, options()), csv.toString());
    }

    /**
     * Loads both files from the first place that has them (see {@link DatasetStore}).
     *
     * @return images uint8 {@code (N, 28, 28)} and labels uint8 {@code (N)}, letters as label names
     * @throws LaminaIOException when the files are nowhere (the message says where to get them and where to
     *     put them) or malformed
     */
    public static ImageDataset load() {
        return load(DatasetStore.defaults());
    }

    /**
     * Loads both files, looking first in {@code <root>/sign-mnist/}.
     *
     * @param root a datasets root (the folder that holds {@code sign-mnist/})
     * @return images uint8 {@code (N, 28, 28)} and labels uint8 {@code (N)}
     * @throws LaminaIOException when the files are nowhere or malformed
     */
    public static ImageDataset load(Path root) {
        return load(DatasetStore.defaults().root(root));
    }

    /**
     * Loads both files with the given search settings.
     *
     * @param store where to look
     * @return images uint8 {@code (N, 28, 28)} and labels uint8 {@code (N)}
     * @throws LaminaIOException when the files are nowhere or malformed
     */
    public static ImageDataset load(DatasetStore store) {
        try {
            DatasetLocation where = store.locate(spec(store));
            CsvImageDataset train = read(where, TRAIN_FILE);
            CsvImageDataset test = read(where, TEST_FILE);
            return new ImageDataset(train.images(SIDE, SIDE), train.labels().castTo(DataType.UINT8),
                    test.images(SIDE, SIDE), test.labels().castTo(DataType.UINT8), LABEL_NAMES);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    /**
     * The description of Sign-MNIST's files used by {@link #load(DatasetStore)}; it has no download.
     *
     * @return a new spec
     */
    public static DatasetSpec spec() {
        return spec(null);
    }

    private static DatasetSpec spec(DatasetStore store) {
        String target = store == null ? "~/.lamina/datasets/" + NAME : store.cacheDir().resolve(NAME).toString();
        return DatasetSpec.named(NAME).title("Sign Language MNIST").files(TRAIN_FILE, TEST_FILE)
                .hint("Lamina cannot download it: get " + TRAIN_FILE + " and " + TEST_FILE + " from Kaggle ("
                        + SOURCE + ", dataset \"datamunge/sign-language-mnist\") and put them into " + target + "/.");
    }

    private static CsvOptions options() {
        return new CsvOptions().labelColumn("label").labelRange(0, NUM_CLASSES - 1);
    }

    private static CsvImageDataset read(DatasetLocation where, String file) throws IOException {
        try (InputStream in = where.open(file)) {
            return requireSignMnistPixels(CsvImageDataset.read(in, where.describe(file), options()),
                    where.describe(file));
        }
    }

    /** The header (line 1) fixes the columns of every row: it must name 784 pixels beside the label. */
    private static CsvImageDataset requireSignMnistPixels(CsvImageDataset d, String file)
            throws DatasetFormatException {
        if (d.numPixels() != SIDE * SIDE) {
            throw new DatasetFormatException(file, 1, "has " + d.numPixels() + " pixel columns beside the label; "
                    + "Sign-MNIST images have 784 (28x28)");
        }
        return d;
    }
}

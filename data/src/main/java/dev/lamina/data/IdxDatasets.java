package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loading of the MNIST family: four IDX files (or Keras' mnist.npz) into an {@link ImageDataset}. */
final class IdxDatasets {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private IdxDatasets() {
    }

    /** A spec for the four canonical files, each downloadable from {@code base + file}. */
    static DatasetSpec spec(String name, String title, String[] sha256, String... bases) {
        DatasetSpec spec = DatasetSpec.named(name).title(title).files(FILES.toArray(String[]::new));
        for (int i = 0; i < FILES.size(); i++) {
            String file = FILES.get(i);
            String[] urls = new String[bases.length];
            for (int j = 0; j < bases.length; j++) {
                urls[j] = bases[j] + file;
            }
            spec.download(file, sha256[i], urls);
        }
        return spec;
    }

    /**
     * The four IDX files (or Keras' .npz) of an MNIST-shaped data set.
     *
     * @throws LaminaIOException when a file cannot be read or is malformed
     */
    static ImageDataset load(DatasetLocation where, String title, List<String> labelNames) {
        try {
            return where.kind() == DatasetLocation.Kind.KERAS_NPZ ? loadNpz(where.npzFile(), title, labelNames)
                    : loadIdx(where, labelNames);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    private static ImageDataset loadIdx(DatasetLocation where, List<String> labelNames) throws IOException {
        INDArray trainImages = read(where, TRAIN_IMAGES, IdxReader.IMAGES_MAGIC);
        INDArray trainLabels = read(where, TRAIN_LABELS, IdxReader.LABELS_MAGIC);
        INDArray testImages = read(where, TEST_IMAGES, IdxReader.IMAGES_MAGIC);
        INDArray testLabels = read(where, TEST_LABELS, IdxReader.LABELS_MAGIC);
        check(trainImages, trainLabels, where.describe(TRAIN_IMAGES), where.describe(TRAIN_LABELS));
        check(testImages, testLabels, where.describe(TEST_IMAGES), where.describe(TEST_LABELS));
        return new ImageDataset(trainImages, trainLabels, testImages, testLabels, labelNames);
    }

    private static INDArray read(DatasetLocation where, String file, int magic) throws IOException {
        try (InputStream in = where.open(file)) {
            return IdxReader.read(in, where.describe(file), magic);
        }
    }

    private static ImageDataset loadNpz(Path npz, String title, List<String> labelNames) throws IOException {
        try (ZipFile zip = open(npz)) {
            INDArray xTrain = NpzArchive.readUInt8(zip, npz, "x_train");
            INDArray yTrain = NpzArchive.readUInt8(zip, npz, "y_train");
            INDArray xTest = NpzArchive.readUInt8(zip, npz, "x_test");
            INDArray yTest = NpzArchive.readUInt8(zip, npz, "y_test");
            if (xTrain.rank() != 3 || xTest.rank() != 3 || yTrain.rank() != 1 || yTest.rank() != 1) {
                throw new DatasetFormatException(npz.toString(), "expected x_train/x_test of rank 3 and"
                        + " y_train/y_test of rank 1, found shapes " + java.util.Arrays.toString(xTrain.shape()) + ", "
                        + java.util.Arrays.toString(yTrain.shape()) + ", " + java.util.Arrays.toString(xTest.shape())
                        + ", " + java.util.Arrays.toString(yTest.shape()));
            }
            check(xTrain, yTrain, npz + "!x_train.npy", npz + "!y_train.npy");
            check(xTest, yTest, npz + "!x_test.npy", npz + "!y_test.npy");
            return new ImageDataset(xTrain, yTrain, xTest, yTest, labelNames);
        }
    }

    private static ZipFile open(Path npz) throws IOException {
        try {
            return new ZipFile(npz.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new DatasetFormatException(npz.toString(), "not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("Cannot read " + npz + ": " + e.getMessage(), e);
        }
    }

    private static void check(INDArray images, INDArray labels, String imageFile, String labelFile)
            throws DatasetFormatException {
        if (images.size(1) != 28 || images.size(2) != 28) {
            throw new DatasetFormatException(imageFile, "holds images of " + images.size(1) + "x" + images.size(2)
                    + " pixels; this data set has 28x28");
        }
        if (images.size(0) != labels.size(0)) {
            throw new DatasetFormatException(imageFile, "holds " + images.size(0) + " images but " + labelFile
                    + " holds " + labels.size(0) + " labels");
        }
    }
}

package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The MNIST handwritten digits (Yann LeCun, Corinna Cortes, Christopher J.C. Burges): 60000
 * training and 10000 test images of 28x28 grey pixels, labels 0 to 9. Like Keras'
 * {@code keras.datasets.mnist.load_data()}.
 *
 * <pre>{@code
 * ImageDataset mnist = Mnist.load();
 * mnist.trainImages();   // uint8 (60000, 28, 28)
 * mnist.trainLabels();   // uint8 (60000)
 * }</pre>
 *
 * <p>Files: {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz} in a folder {@code mnist}
 * (see {@link DatasetStore} for where it is searched); Keras' {@code ~/.keras/datasets/mnist.npz}
 * is read too. Downloads come from torchvision's mirror {@code https://ossci-datasets.s3.amazonaws.com/mnist/}
 * and are verified by the SHA-256 of their decompressed content.
 */
public final class Mnist {

    /** The data set's folder name. */
    public static final String NAME = "mnist";
    /** Class names: the digits "0" to "9". */
    public static final List<String> LABEL_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String[] SHA256 = {
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    private Mnist() {
    }

    /**
     * Loads MNIST from the first place that has it, downloading it if needed.
     *
     * @return the training and test images and labels
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load() {
        return load(DatasetStore.defaults());
    }

    /**
     * Loads MNIST, looking first in {@code <root>/mnist/}.
     *
     * @param root a datasets root (the folder that holds {@code mnist/})
     * @return the training and test images and labels
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load(Path root) {
        return load(DatasetStore.defaults().root(root));
    }

    /**
     * Loads MNIST with the given search and download settings.
     *
     * @param store where to look and how to download
     * @return the training and test images and labels
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load(DatasetStore store) {
        return IdxDatasets.load(store.locate(spec()), "MNIST", LABEL_NAMES);
    }

    /**
     * The description of MNIST's files, sources and checksums used by {@link #load(DatasetStore)}.
     *
     * @return a new spec
     */
    public static DatasetSpec spec() {
        return IdxDatasets.spec(NAME, "MNIST", SHA256, "https://ossci-datasets.s3.amazonaws.com/mnist/")
                .kerasNpz("mnist.npz");
    }
}

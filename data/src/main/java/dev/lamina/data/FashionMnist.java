package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research): 60000 training and 10000 test images of clothing, 28x28 grey
 * pixels, 10 classes. Like Keras' {@code keras.datasets.fashion_mnist.load_data()}.
 *
 * <p>Same file names and format as {@link Mnist}, in a folder {@code fashion-mnist}. Besides the
 * usual places ({@link DatasetStore}) it is found in Keras' cache
 * {@code ~/.keras/datasets/fashion-mnist/} and in Debian's {@code dataset-fashion-mnist} package
 * ({@code /usr/share/datasets/fashion-mnist/}). Downloads come from Keras' and Zalando's sources,
 * verified by the SHA-256 of the decompressed content.
 */
public final class FashionMnist {

    /** The data set's folder name. */
    public static final String NAME = "fashion-mnist";
    /** Class names by label. */
    public static final List<String> LABEL_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String[] SHA256 = {
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };

    private FashionMnist() {
    }

    /**
     * Loads Fashion-MNIST from the first place that has it, downloading it if needed.
     *
     * @return the training and test images and labels
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load() {
        return load(DatasetStore.defaults());
    }

    /**
     * Loads Fashion-MNIST, looking first in {@code <root>/fashion-mnist/}.
     *
     * @param root a datasets root (the folder that holds {@code fashion-mnist/})
     * @return the training and test images and labels
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load(Path root) {
        return load(DatasetStore.defaults().root(root));
    }

    /**
     * Loads Fashion-MNIST with the given search and download settings.
     *
     * @param store where to look and how to download
     * @return the training and test images and labels
     * @throws LaminaIOException when it is nowhere and cannot be downloaded, or a file is corrupt
     */
    public static ImageDataset load(DatasetStore store) {
        return IdxDatasets.load(store.locate(spec()), "Fashion-MNIST", LABEL_NAMES);
    }

    /**
     * The description of Fashion-MNIST's files, sources and checksums used by {@link #load(DatasetStore)}.
     *
     * @return a new spec
     */
    public static DatasetSpec spec() {
        return IdxDatasets.spec(NAME, "Fashion-MNIST", SHA256,
                        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
                        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")
                .kerasDir("fashion-mnist")
                .systemDir(DEBIAN_DIR);
    }
}

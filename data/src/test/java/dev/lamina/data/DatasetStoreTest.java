package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The search order of docs/GUIDE.md section 5, with user.home redirected to a temporary folder. */
class DatasetStoreTest {

    @TempDir
    Path tmp;

    private SystemProperties props;
    private Path home;

    @BeforeEach
    void redirectHome() {
        home = tmp.resolve("home");
        props = new SystemProperties().home(home);
        System.setProperty(DatasetStore.OFFLINE_PROPERTY, "true");
    }

    @AfterEach
    void restore() {
        props.close();
    }

    /** Which copy was loaded: each copy's images have a distinct constant first pixel. */
    private static int marker(ImageDataset d) {
        return d.trainImages().getInt(0, 0, 0);
    }

    @Test
    void explicitRootBeatsPropertyBeatsHomeCacheBeatsKerasCache() throws IOException {
        Path root = tmp.resolve("root");
        Path propertyDir = tmp.resolve("property");
        TestFiles.writeFakeMnist(root.resolve("mnist"), 3, 2, 11);
        TestFiles.writeFakeMnist(propertyDir.resolve("mnist"), 3, 2, 22);
        TestFiles.writeFakeMnist(home.resolve(".lamina/datasets/mnist"), 3, 2, 33);
        TestFiles.writeMnistNpz(home.resolve(".keras/datasets/mnist.npz"), 4, 2, 44);
        System.setProperty(DatasetStore.DATASETS_PROPERTY, propertyDir.toString());

        assertThat(marker(Mnist.load(root))).isEqualTo(11);
        assertThat(marker(Mnist.load())).isEqualTo(22);
        System.clearProperty(DatasetStore.DATASETS_PROPERTY);
        assertThat(marker(Mnist.load())).isEqualTo(33);
        deleteTree(home.resolve(".lamina"));
        ImageDataset keras = Mnist.load();
        assertThat(marker(keras)).isEqualTo(44);
        assertThat(keras.trainImages().shape()).containsExactly(4, 28, 28);
        assertThat(keras.trainImages().dataType()).isEqualTo(DataType.UINT8);
        assertThat(keras.trainLabels().shape()).containsExactly(4);
        assertThat(keras.trainLabels().getInt(3)).isEqualTo(3);
        assertThat(keras.testImages().getInt(1, 27, 27)).isEqualTo(45);
    }

    @Test
    void anIncompleteFolderIsSkippedAndNamedInTheError() throws IOException {
        Path root = tmp.resolve("root");
        TestFiles.writeFakeMnist(root.resolve("mnist"), 3, 2, 11);
        Files.delete(root.resolve("mnist").resolve(IdxDatasets.TEST_LABELS));
        TestFiles.writeFakeMnist(home.resolve(".lamina/datasets/mnist"), 3, 2, 33);
        assertThat(marker(Mnist.load(root))).isEqualTo(33);
        deleteTree(home.resolve(".lamina"));
        assertThatThrownBy(() -> Mnist.load(root)).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(root.resolve("mnist") + ": missing " + IdxDatasets.TEST_LABELS);
    }

    @Test
    void offlineWithNoCopyIsOneErrorListingFilesAndFolders() {
        Path root = tmp.resolve("root");
        assertThatThrownBy(() -> Mnist.load(root)).isInstanceOf(DatasetNotFoundException.class)
                .satisfies(e -> {
                    DatasetNotFoundException n = (DatasetNotFoundException) e;
                    assertThat(n.dataset()).isEqualTo("mnist");
                    assertThat(n.files()).containsExactlyElementsOf(IdxDatasets.FILES);
                    assertThat(n.searched()).anyMatch(x -> x.startsWith(root.resolve("mnist").toString()))
                            .anyMatch(x -> x.startsWith("classpath:datasets/mnist/"));
                })
                .hasMessageContaining("MNIST was not found")
                .hasMessageContaining(String.join(", ", IdxDatasets.FILES))
                .hasMessageContaining(root.resolve("mnist") + ": no such folder")
                .hasMessageContaining(home.resolve(".lamina/datasets/mnist") + ": no such folder")
                .hasMessageContaining(home.resolve(".keras/datasets/mnist.npz") + ": no such file")
                .hasMessageContaining("classpath:datasets/mnist/")
                .hasMessageContaining("downloads are off")
                .hasMessageContaining("Put the files into " + home.resolve(".lamina/datasets/mnist"))
                .hasMessageContaining("lamina.datasets.mirror");
    }

    @Test
    void kerasFashionFolderComesBeforeTheSystemPackage() throws IOException {
        TestFiles.writeFakeMnist(home.resolve(".keras/datasets/fashion-mnist"), 2, 2, 77);
        assertThat(marker(FashionMnist.load())).isEqualTo(77);
    }

    @Test
    void classpathResourcesAreFoundThroughTheGenericApi() throws IOException {
        DatasetSpec spec = DatasetSpec.named("lamina-test-tiny").files("hello.txt", "labels-idx1-ubyte");
        DatasetLocation where = DatasetStore.defaults().locate(spec);
        assertThat(where.kind()).isEqualTo(DatasetLocation.Kind.CLASSPATH);
        assertThat(where.directory()).isEmpty();
        assertThat(where.describe("hello.txt")).isEqualTo("classpath:datasets/lamina-test-tiny/hello.txt");
        try (InputStream in = where.open("hello.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("tiny");
        }
        try (InputStream in = where.open("labels-idx1-ubyte")) {
            assertThat(IdxReader.read(in, where.describe("labels-idx1-ubyte"), IdxReader.LABELS_MAGIC).toIntVector())
                    .containsExactly(3, 1, 4);
        }
        // A copy on disk wins over the classpath.
        Path dir = Files.createDirectories(home.resolve(".lamina/datasets/lamina-test-tiny"));
        Files.writeString(dir.resolve("hello.txt"), "disk");
        Files.writeString(dir.resolve("labels-idx1-ubyte"), "x");
        assertThat(DatasetStore.defaults().locate(spec).directory()).contains(dir);
    }

    @Test
    void genericSpecWithoutDownloadListsWhatItSearched() {
        DatasetSpec spec = DatasetSpec.named("no-such-data").title("My data").files("a.bin").hint("Ask Bob.");
        assertThatThrownBy(() -> DatasetStore.defaults().download(true).locate(spec))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("My data was not found on this machine.")
                .hasMessageContaining("no download source is known")
                .hasMessageEndingWith("Ask Bob.");
    }

    @Test
    void corruptKerasNpzNamesTheFile() throws IOException {
        Path npz = home.resolve(".keras/datasets/mnist.npz");
        Files.createDirectories(npz.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            TestFiles.entry(zip, "x_train.npy", TestFiles.npy(new long[] {1, 28, 28}, new byte[784]));
        }
        assertThatThrownBy(Mnist::load).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(npz.toString()).hasMessageContaining("y_train");
        Files.writeString(npz, "not a zip");
        assertThatThrownBy(Mnist::load).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(npz.toString()).hasMessageContaining("npz");
    }

    @Test
    void npyReaderChecksHeaderTypeAndLength() throws IOException {
        byte[] good = TestFiles.npy(new long[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(NpzArchive.readUInt8(new java.io.ByteArrayInputStream(good), "g.npy").getInt(1, 2)).isEqualTo(6);
        java.io.ByteArrayOutputStream f32 = new java.io.ByteArrayOutputStream();
        dev.lamina.core.io.Npy.write(org.nd4j.linalg.factory.Nd4j.createFromArray(1f, 2f), f32);
        byte[] floats = f32.toByteArray();
        assertThatThrownBy(() -> NpzArchive.readUInt8(new java.io.ByteArrayInputStream(floats), "f.npy"))
                .hasMessageContaining("f.npy").hasMessageContaining("expected uint8");
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> NpzArchive.readUInt8(new java.io.ByteArrayInputStream(cut), "c.npy"))
                .hasMessageContaining("c.npy").hasMessageContaining("the header promises");
    }

    @Test
    void aCorruptLocalFileIsAnErrorNotSkipped() throws IOException {
        Path root = tmp.resolve("root");
        Path dir = TestFiles.writeFakeMnist(root.resolve("mnist"), 3, 2, 11);
        Files.write(dir.resolve(IdxDatasets.TRAIN_LABELS), TestFiles.gzip(TestFiles.idx(new int[] {4}, new byte[4])));
        assertThatThrownBy(() -> Mnist.load(root)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(IdxDatasets.TRAIN_IMAGES).hasMessageContaining("3 images")
                .hasMessageContaining("4 labels");
    }

    @Test
    void defaultsReadTheProperties() {
        System.setProperty(DatasetStore.DATASETS_PROPERTY, tmp.resolve("p").toString());
        assertThat(DatasetStore.defaults().searchFolders("mnist"))
                .containsExactly(tmp.resolve("p/mnist"), home.resolve(".lamina/datasets/mnist"));
        assertThat(DatasetStore.defaults().root(tmp.resolve("r")).searchFolders("x")).first()
                .isEqualTo(tmp.resolve("r/x"));
        assertThat(DatasetStore.defaults().cacheDir()).isEqualTo(home.resolve(".lamina/datasets"));
        assertThatThrownBy(() -> DatasetStore.defaults().readTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> DatasetSpec.named("../up")).isInstanceOf(IllegalArgumentException.class);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

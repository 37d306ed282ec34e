package dev.lamina.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.LaminaIOException;
import dev.lamina.core.Lamina;
import dev.lamina.data.DatasetStore;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import dev.lamina.models.Model;
import dev.lamina.saving.h5.KerasH5Writer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code weights("imagenet")} and the class index, served by a loopback mirror in Keras' file
 * layout and checked by MD5 through the same file descriptions that hold Keras' published hashes;
 * Keras' cache and the store's cache under a temporary home.
 */
@ResourceLock("user.home")
class ImageNetWeightsTest {

    private static final ApplicationOptions NOTOP = ApplicationOptions.defaults().includeTop(false)
            .inputShape(32, 32, 3);

    @TempDir
    Path tmp;

    private String savedHome;
    private Path home;
    private LoopbackMirror mirror;

    @BeforeEach
    void start() throws IOException {
        savedHome = System.getProperty("user.home");
        home = tmp.resolve("home");
        Files.createDirectories(home);
        System.setProperty("user.home", home.toString());
        mirror = new LoopbackMirror();
    }

    @AfterEach
    void stop() {
        mirror.close();
        System.setProperty("user.home", savedHome);
    }

    private DatasetStore store() {
        return DatasetStore.defaults().datasetsDir(null).cacheDir(home.resolve(".lamina/datasets"))
                .mirror(mirror.base()).progress(false).connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30));
    }

    private List<Path> cacheContent() throws IOException {
        Path cache = home.resolve(".lamina");
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** A ResNet50 weight file without the top, in Keras' HDF5 layout, from a randomly initialized model. */
    private static Path writeWeights(Model source, Path file) throws IOException {
        Map<String, Map<String, INDArray>> layers = new LinkedHashMap<>();
        for (Layer l : source.layers()) {
            if (!l.weights().isEmpty()) {
                Map<String, INDArray> ws = new LinkedHashMap<>();
                for (Weight w : l.weights()) {
                    ws.put(w.name(), w.value());
                }
                layers.put(l.name(), ws);
            }
        }
        KerasH5Writer.write(file, layers);
        return file;
    }

    @Test
    void goodWeightFileIsDownloadedVerifiedLoadedAndThenFoundInTheCache() throws IOException {
        Lamina.setSeed(11);
        Model source = ResNet50.create(NOTOP.weights((String) null));
        Path served = writeWeights(source, tmp.resolve("served.h5"));
        String md5 = KerasCache.md5(served);
        KerasFile spec = new KerasFile(ResNet50.WEIGHTS_NOTOP.fileName(), "http://unused.invalid/", md5);
        mirror.serve("keras-applications/" + spec.fileName(), served);

        Lamina.setSeed(12);
        Model loaded = ResNet50.create(NOTOP.store(store()), ResNet50.WEIGHTS, spec);
        assertThat(mirror.requests).containsExactly("/keras-applications/" + spec.fileName());
        List<Weight> expected = source.weights();
        List<Weight> actual = loaded.weights();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).path()).isEqualTo(expected.get(i).path());
            assertThat(actual.get(i).value()).as(actual.get(i).path()).isEqualTo(expected.get(i).value());
        }
        Path cached = home.resolve(".lamina/datasets/keras-applications/" + spec.fileName());
        assertThat(cacheContent()).containsExactly(cached);

        // Found in the store from now on, checked again, without the mirror.
        mirror.requests.clear();
        Path again = KerasCache.resolve(spec, store().download(false));
        assertThat(again).isEqualTo(cached);
        assertThat(mirror.requests).isEmpty();

        // The same file by path (Keras' weights=<path>); a file for another configuration is refused.
        Model byPath = ResNet50.create(NOTOP.weights(served));
        assertThat(byPath.getLayer("conv5_block3_3_bn").getWeights())
                .isEqualTo(source.getLayer("conv5_block3_3_bn").getWeights());
        assertThatThrownBy(() -> ResNet50.create(ApplicationOptions.defaults().weights(served)))
                .isInstanceOf(LaminaIOException.class).hasMessageContaining("served.h5")
                .hasMessageContaining("predictions");
    }

    @Test
    void corruptedWeightFileIsRefusedAndLeavesNothingInTheCache() throws IOException {
        Path bad = Files.write(tmp.resolve("bad.h5"), "not the published weights".getBytes(StandardCharsets.UTF_8));
        mirror.serve("keras-applications/" + ResNet50.WEIGHTS_NOTOP.fileName(), bad);
        String actual = KerasCache.md5(bad);
        // Keras' own published MD5 for the real file.
        assertThatThrownBy(() -> ResNet50.create(NOTOP.store(store())))
                .isInstanceOf(LaminaIOException.class)
                .hasMessageContaining(ResNet50.WEIGHTS_NOTOP.fileName())
                .hasMessageContaining("4d473c1dd8becc155b73f8504c6f6626").hasMessageContaining(actual)
                .hasMessageContaining("discarded");
        assertThat(cacheContent()).isEmpty();
        assertThat(home.resolve(".lamina/datasets/keras-applications")).doesNotExist();
    }

    @Test
    void aDamagedCopyInTheStoreIsRefusedNotRead() throws IOException {
        Path dir = Files.createDirectories(home.resolve(".lamina/datasets/keras-applications"));
        Files.writeString(dir.resolve(ResNet50.WEIGHTS_NOTOP.fileName()), "truncated");
        assertThatThrownBy(() -> ResNet50.create(NOTOP.store(store().download(false))))
                .isInstanceOf(LaminaIOException.class).hasMessageContaining("4d473c1dd8becc155b73f8504c6f6626")
                .hasMessageContaining("delete it");
    }

    @Test
    void offlineWithoutAnyCopySaysWhereItLooked() {
        assertThatThrownBy(() -> ResNet50.create(NOTOP.store(store().download(false))))
                .isInstanceOf(LaminaIOException.class)
                .hasMessageContaining(ResNet50.WEIGHTS_NOTOP.fileName()).hasMessageContaining("keras-applications");
    }

    private static Path classIndex(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(i).append("\": [\"n").append(String.format("%08d", i))
                    .append("\", \"class_").append(i).append("\"]");
        }
        return Files.writeString(file, json.append('}').toString());
    }

    @Test
    void decodePredictionsReadsTheClassIndexFromTheMirrorThenFromKerasCache() throws IOException {
        Path json = classIndex(tmp.resolve("index.json"));
        KerasFile spec = new KerasFile(ImageNetClasses.CLASS_INDEX.fileName(), "http://unused.invalid/",
                KerasCache.md5(json));
        mirror.serve("keras-applications/" + spec.fileName(), json);
        INDArray preds = Nd4j.zeros(DataType.FLOAT, 2, 1000);
        preds.putScalar(0, 7, 0.7f);
        preds.putScalar(0, 3, 0.2f);
        preds.putScalar(0, 999, 0.1f);
        preds.putScalar(1, 42, 1f);
        List<List<ImageNetPrediction>> top = ImageNetClasses.decode(preds, 3, store(), spec);
        assertThat(top.get(0)).extracting(ImageNetPrediction::classId).containsExactly("n00000007", "n00000003",
                "n00000999");
        assertThat(top.get(0).get(0).label()).isEqualTo("class_7");
        assertThat(top.get(0).get(0).score()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(top.get(1).get(0).classId()).isEqualTo("n00000042");
        assertThat(mirror.requests).hasSize(1);

        // Keras' own cache is used first when its copy has the expected MD5.
        Path keras = Files.createDirectories(home.resolve(".keras/models"));
        Files.copy(json, keras.resolve(spec.fileName()));
        assertThat(KerasCache.resolve(spec, store().download(false))).isEqualTo(keras.resolve(spec.fileName()));

        assertThatThrownBy(() -> ResNet50.decodePredictions(Nd4j.zeros(DataType.FLOAT, 2, 10), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects a batch of predictions (i.e. a 2D array of shape (samples, 1000))")
                .hasMessageContaining("[2, 10]");
    }

    @Test
    void preprocessInputIsKerasCaffeMode() {
        INDArray rgb = Nd4j.createFromArray(new float[] {10, 20, 30, 255, 0, 128}).reshape(1, 1, 2, 3);
        INDArray out = ResNet50.preprocessInput(rgb);
        assertThat(out.shape()).containsExactly(1, 1, 2, 3);
        assertThat(out.data().asFloat()).containsExactly(new float[] {30 - 103.939f, 20 - 116.779f, 10 - 123.68f,
                128 - 103.939f, 0 - 116.779f, 255 - 123.68f}, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(rgb.getFloat(0, 0, 0, 0)).isEqualTo(10f);
    }
}

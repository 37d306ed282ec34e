package dev.lamina.models;

import static dev.lamina.models.Fixtures.assertExactlyEqual;
import static dev.lamina.models.Fixtures.assertSameWeights;
import static dev.lamina.models.Fixtures.quiet;
import static dev.lamina.models.Fixtures.toyData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.core.Lamina;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.saving.ModelFileFormat;
import dev.lamina.saving.h5.KerasFiles;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Lamina writes Keras' files: {@code .keras}, legacy {@code .h5} and {@code .weights.h5}, read back alike. */
class KerasWriteTest {

    private static final String FIXTURE = "keras3.11.3-keras/mnist_cnn.keras";

    @TempDir
    Path dir;

    /** The MNIST CNN of Keras' example, the architecture of the shared {@code mnist_cnn.keras}. */
    static Sequential mnistCnn() {
        Sequential m = new Sequential(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1),
                new MaxPooling2D(2), new Conv2D(64, 3).activation("relu"), new MaxPooling2D(2), new Flatten(),
                new Dense(128).activation("relu"), new Dropout(0.5), new Dense(10).activation("softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        return m;
    }

    /** A residual block with BatchNormalization, trained one epoch so its moving statistics are not the defaults. */
    static Model residual() {
        Lamina.setSeed(3);
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor x = new Conv2D(4, 3).padding("same").apply(in);
        KerasTensor y = new BatchNormalization().apply(new Conv2D(4, 3).padding("same").apply(x));
        KerasTensor sum = new Activation("relu").apply(new Add().apply(x, y));
        KerasTensor out = new Dense(4).activation("softmax").apply(new GlobalAveragePooling2D().apply(sum));
        Model m = new Model(in, out);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        INDArray[] data = toyData(32, 8);
        m.fit(data[0], data[1], quiet(1));
        return m;
    }

    private static INDArray images(long n, int side, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, side, side, 1);
    }

    @Test
    void mnistCnnRoundTripsThroughKerasAndLegacyH5() throws IOException {
        Lamina.setSeed(1);
        Sequential m = mnistCnn();
        INDArray x = images(4, 28, 5);
        for (String name : new String[] {"m.keras", "m.h5", "m.hdf5"}) {
            Path p = dir.resolve(name);
            m.save(p);
            assertThat(ModelFileFormat.detect(p)).as(name).isEqualTo(name.endsWith(".keras")
                    ? ModelFileFormat.KERAS_ZIP : ModelFileFormat.HDF5);
            Model loaded = Model.load(p);
            assertThat(loaded).as(name).isInstanceOf(Sequential.class);
            assertThat(loaded.isCompiled()).as(name + " compiled").isTrue();
            assertSameWeights(loaded, m);
            assertExactlyEqual(loaded.predict(x), m.predict(x), name);
        }
    }

    @Test
    void functionalModelWithAddAndBatchNormalizationRoundTrips() throws IOException {
        Model m = residual();
        INDArray x = toyData(6, 9)[0];
        for (String name : new String[] {"r.keras", "r.h5"}) {
            Path p = dir.resolve(name);
            m.save(p);
            Model loaded = Model.load(p);
            assertThat(loaded.summaryString()).as(name).isEqualTo(m.summaryString());
            assertSameWeights(loaded, m);
            assertExactlyEqual(loaded.predict(x), m.predict(x), name);
        }
    }

    @Test
    void kerasFileLoadedAndSavedAgainPredictsTheSame() throws IOException {
        Model original = Model.load(KerasFiles.file(FIXTURE));
        Path p = dir.resolve("again.keras");
        original.save(p);
        Model again = Model.load(p);
        INDArray x = images(3, 28, 7);
        assertSameWeights(again, original);
        assertExactlyEqual(again.predict(x), original.predict(x), "predictions");
    }

    @Test
    void writtenKerasFileHasTheLayoutKerasWrites() throws IOException {
        Path fixture = KerasFiles.file(FIXTURE);
        Path p = dir.resolve("m.keras");
        Lamina.setSeed(1);
        mnistCnn().save(p);
        try (ZipFile ours = new ZipFile(p.toFile()); ZipFile keras = new ZipFile(fixture.toFile())) {
            assertThat(names(ours)).isEqualTo(names(keras));
            ObjectMapper json = new ObjectMapper();
            Map<?, ?> ourConfig = json.readValue(ours.getInputStream(ours.getEntry("config.json")), Map.class);
            Map<?, ?> kerasConfig = json.readValue(keras.getInputStream(keras.getEntry("config.json")), Map.class);
            assertThat(keys(ourConfig)).isEqualTo(keys(kerasConfig));
            assertThat(keys(ourConfig.get("config"))).isEqualTo(keys(kerasConfig.get("config")));
            assertThat(ourConfig.get("build_config")).isEqualTo(kerasConfig.get("build_config"));
            var ourLayers = (java.util.List<?>) ((Map<?, ?>) ourConfig.get("config")).get("layers");
            var kerasLayers = (java.util.List<?>) ((Map<?, ?>) kerasConfig.get("config")).get("layers");
            assertThat(ourLayers).hasSameSizeAs(kerasLayers);
            for (int i = 0; i < ourLayers.size(); i++) {
                Map<?, ?> o = (Map<?, ?>) ourLayers.get(i);
                Map<?, ?> k = (Map<?, ?>) kerasLayers.get(i);
                assertThat(o.get("class_name")).isEqualTo(k.get("class_name"));
                assertThat(keys(o)).as("layer " + i).containsAll(keys(k));
            }
            Map<?, ?> meta = json.readValue(ours.getInputStream(ours.getEntry("metadata.json")), Map.class);
            assertThat(keys(meta)).containsExactly("keras_version", "date_saved");
            Map<String, String> ourLayout = layout(ours.getInputStream(ours.getEntry("model.weights.h5"))
                    .readAllBytes());
            Map<String, String> kerasLayout = layout(keras.getInputStream(keras.getEntry("model.weights.h5"))
                    .readAllBytes());
            assertThat(ourLayout).isEqualTo(kerasLayout);
        }
    }

    @Test
    void writtenLegacyH5HasKerasLayout() throws IOException {
        Path p = dir.resolve("r.h5");
        Model m = residual();
        m.save(p);
        java.util.List<String> withWeights = m.layers().stream().filter(l -> !l.weights().isEmpty())
                .map(l -> l.name()).toList();
        String bnName = m.layers().stream().filter(l -> l instanceof BatchNormalization).findFirst().orElseThrow()
                .name();
        String conv = withWeights.get(1);
        try (HdfFile f = new HdfFile(p)) {
            assertThat(f.getAttributes().keySet()).contains("backend", "keras_version", "model_config",
                    "training_config");
            Group weights = (Group) f.getChild("model_weights");
            String[] layers = (String[]) weights.getAttribute("layer_names").getData();
            assertThat(layers).containsExactlyElementsOf(withWeights);
            String[] bn = (String[]) ((Group) weights.getChild(bnName)).getAttribute("weight_names").getData();
            assertThat(bn).containsExactly(bnName + "/gamma:0", bnName + "/beta:0", bnName + "/moving_mean:0",
                    bnName + "/moving_variance:0");
            Dataset kernel = f.getDatasetByPath("model_weights/" + conv + "/" + conv + "/kernel:0");
            assertThat(kernel.getDimensions()).containsExactly(3, 3, 4, 4);
            assertThat(kernel.getJavaType()).isEqualTo(float.class);
        }
    }

    @Test
    void kerasWeightsFileLoadsIntoAFreshModel() throws IOException {
        Model m = residual();
        Path p = dir.resolve("r.weights.h5");
        m.saveWeights(p);
        Map<String, String> layout = layout(Files.readAllBytes(p));
        assertThat(layout).containsEntry("/layers/batch_normalization/vars/3", "float32[4]")
                .containsEntry("/layers/conv2d_1/vars/0", "float32[3, 3, 4, 4]")
                .containsEntry("/layers/dense/vars", "group(name)");
        Model fresh = residual();
        fresh.loadWeights(p);
        INDArray x = toyData(6, 9)[0];
        assertExactlyEqual(fresh.predict(x), m.predict(x), "predictions");
    }

    @Test
    void otherNamesKeepLaminasFormatAndWeightsOnlyKerasZipIsRefused() throws IOException {
        Lamina.setSeed(1);
        Sequential m = mnistCnn();
        Path p = dir.resolve("m.lamina");
        m.save(p);
        assertThat(ModelFileFormat.detect(p)).isEqualTo(ModelFileFormat.LAMINA);
        assertThatThrownBy(() -> m.saveWeights(dir.resolve("w.keras"))).hasMessageContaining(".weights.h5");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("m.lamina");
        }
    }

    private static java.util.List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
    }

    private static java.util.List<String> names(ZipFile z) {
        return z.stream().map(e -> e.getName()).sorted().toList();
    }

    /** Every group and dataset of an HDF5 file: a dataset's dtype and shape, a group's attributes. */
    static Map<String, String> layout(byte[] h5) {
        Map<String, String> out = new TreeMap<>();
        try (HdfFile f = HdfFile.fromBytes(h5)) {
            walk(f, out);
        }
        return out;
    }

    private static void walk(Group g, Map<String, String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) {
                String type = d.getJavaType() == float.class ? "float32" : d.getJavaType().getSimpleName();
                out.put(d.getPath().replaceAll("/$", ""), type + Arrays.toString(d.getDimensions()));
            } else if (n instanceof Group sub) {
                Map<String, Attribute> attrs = sub.getAttributes();
                out.put(sub.getPath().replaceAll("/$", ""), attrs.containsKey("name") ? "group(name)" : "group");
                walk(sub, out);
            }
        }
    }
}

package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.LaminaIOException;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import dev.lamina.saving.h5.KerasFiles;
import dev.lamina.saving.h5.KerasH5Weights;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras weights into models built in Java, Keras configs read from JSON, and the refusals: layers,
 * settings and classes Lamina does not build, mismatched weights, and files beyond the limits.
 */
class KerasImportTest {

    @TempDir
    Path tmp;

    /** The architecture of {@code mnist_cnn}, written in Java with Lamina's own layer names. */
    private static Sequential mnistCnn(int classes) {
        return new Sequential(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1), new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"), new MaxPooling2D(2), new Flatten(),
                new Dense(128).activation("relu"), new Dropout(0.5), new Dense(classes).activation("softmax"));
    }

    private static Path extract(Path zip, String entry, Path to) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Files.copy(z.getInputStream(z.getEntry(entry)), to);
        }
        return to;
    }

    @Test
    void kerasWeightsOfEveryKindLoadIntoAModelBuiltInJava() throws IOException {
        Path keras = KerasFiles.file("keras3.11.3-keras/mnist_cnn.keras");
        Model reference = Model.load(keras);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1);
        INDArray expected = reference.predict(x);

        Sequential fromZip = mnistCnn(10);
        fromZip.loadWeights(keras);
        assertThat(fromZip.predict(x)).isEqualTo(expected);

        // Keras 3's save_weights file has the layout of the zip's model.weights.h5.
        Sequential fromWeightsH5 = mnistCnn(10);
        fromWeightsH5.loadWeights(extract(keras, "model.weights.h5", tmp.resolve("mnist.weights.h5")));
        assertThat(fromWeightsH5.predict(x)).isEqualTo(expected);

        // A legacy full model whose layer names differ from Lamina's: matched by order, as Keras does.
        Sequential fromLegacy = mnistCnn(10);
        fromLegacy.loadWeights(KerasFiles.file("keras3.11.3-h5/mnist_cnn.h5"));
        assertThat(fromLegacy.predict(x)).isEqualTo(expected);
    }

    @Test
    void toyResNetFromJsonTakesItsWeightsByLayerName() {
        Model m = Model.modelFromJson(readString(KerasFiles.file("keras2.2.4-tf-weights/modelConfig.json")));
        assertThat(m.getLayer("add_9").className()).isEqualTo("Add");
        Path weights = KerasFiles.file("keras2.2.4-tf-weights/weights.h5");
        m.loadWeights(weights);
        try (KerasH5Weights file = KerasH5Weights.open(weights)) {
            for (String layer : file.layersWithWeights()) {
                List<INDArray> stored = file.weights(layer);
                List<INDArray> loaded = m.getLayer(layer).getWeights();
                for (int i = 0; i < stored.size(); i++) {
                    assertThat(loaded.get(i)).as(layer + " weight " + i).isEqualTo(stored.get(i));
                }
            }
        }
        assertThat(m.predict(Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1)).shape()).containsExactly(2, 10);
    }

    @Test
    void aWeightOfTheWrongShapeIsNamedWithBothShapesAndNothingChanges() {
        Sequential m = mnistCnn(5);
        List<INDArray> before = m.getWeights();
        Path keras = KerasFiles.file("keras3.11.3-keras/mnist_cnn.keras");
        assertThatThrownBy(() -> m.loadWeights(keras)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining(keras.toString())
                .hasMessageContaining("model.weights.h5/layers/dense_1/vars/0")
                .hasMessageContaining("[128, 10]").hasMessageContaining("[128, 5]");
        List<INDArray> after = m.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i));
        }
        Path legacy = KerasFiles.file("keras3.11.3-h5/mnist_cnn.h5");
        assertThatThrownBy(() -> m.loadWeights(legacy)).hasMessageContaining(
                "/model_weights/dense_3/sequential_1/dense_3/kernel").hasMessageContaining("[128, 5]");
    }

    @Test
    void datasetsLargerThanTheLimitAreRefusedBeforeReading() {
        Limits small = new Limits(100, 200_000, 1 << 20, 32);
        Path h5 = KerasFiles.file("keras3.11.3-h5/mnist_cnn.h5");
        // dense_2's kernel (1600, 128) float32 declares 819,200 bytes.
        assertThatThrownBy(() -> ModelIO.load(h5, small)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("declares 819200 bytes").hasMessageContaining("[1600, 128]");
        Path keras = KerasFiles.file("keras3.11.3-keras/mnist_cnn.keras");
        assertThatThrownBy(() -> ModelIO.load(keras, small)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.weights.h5");
    }

    @Test
    void aKerasZipWithAnUnsafeEntryIsRefused() throws IOException {
        Path bad = tmp.resolve("evil.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bad))) {
            for (String name : List.of("config.json", "metadata.json", "model.weights.h5", "../escape")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertThatThrownBy(() -> Model.load(bad)).hasMessageContaining("unsafe entry name");
    }

    @Test
    void damagedHdf5NamesTheFile() throws IOException {
        Path bad = tmp.resolve("broken.h5");
        try (OutputStream out = Files.newOutputStream(bad)) {
            out.write(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 1, 2, 3});
        }
        assertThatThrownBy(() -> Model.load(bad)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining(bad.toString());
    }

    // ---- configs ----

    private static String sequentialWith(String layer) {
        return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [" + layer + "]}}";
    }

    @Test
    void aSettingLaminaLacksIsRefusedNamingTheLayer() {
        String conv = "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"batch_input_shape\": [null, 8, 8, "
                + "1], \"filters\": 2, \"kernel_size\": [3, 3], \"dilation_rate\": [2, 2]}}";
        assertThatThrownBy(() -> Model.modelFromJson(sequentialWith(conv)))
                .hasMessageContaining("layers[0] \"c\" (Conv2D)").hasMessageContaining("dilation_rate=[2, 2]");
        String bn = "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"bn\", \"batch_input_shape\": "
                + "[null, 4, 3], \"axis\": 1}}";
        assertThatThrownBy(() -> Model.modelFromJson(sequentialWith(bn)))
                .hasMessageContaining("\"bn\" (BatchNormalization)").hasMessageContaining("axis=1");
        String dtype = "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"batch_input_shape\": [null, 4], "
                + "\"units\": 2, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": "
                + "{\"name\": \"mixed_float16\"}}}}";
        assertThatThrownBy(() -> Model.modelFromJson(sequentialWith(dtype))).hasMessageContaining("dtype=mixed_float16");
    }

    @Test
    void lambdaLayersAndCustomClassesAreRefused() {
        String lambda = "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": [\"4wEAAAAA\", null, "
                + "null]}}";
        assertThatThrownBy(() -> Model.modelFromJson(sequentialWith(lambda))).hasMessageContaining("(Lambda)")
                .hasMessageContaining("code");
        String custom = "{\"module\": \"my_layers\", \"class_name\": \"Dense\", \"registered_name\": \"my_layers>Dense\","
                + " \"config\": {\"name\": \"d\", \"units\": 2}}";
        assertThatThrownBy(() -> Model.modelFromJson(sequentialWith(custom))).hasMessageContaining("custom class")
                .hasMessageContaining("my_layers>Dense");
        String subclassed = "{\"module\": null, \"class_name\": \"MyModel\", \"registered_name\": \"pkg>MyModel\", "
                + "\"config\": {\"name\": \"m\"}}";
        assertThatThrownBy(() -> Model.modelFromJson(subclassed)).hasMessageContaining("MyModel");
    }

    @Test
    void modelsNestedBeyondTheLimitAreRefused() {
        String json = sequentialWith("{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2, "
                + "\"batch_input_shape\": [null, 3]}}");
        for (int i = 0; i < 40; i++) {
            json = sequentialWith(json);
        }
        String deep = json;
        assertThatThrownBy(() -> Model.modelFromJson(deep)).hasMessageContaining("nested more than 32");
    }

    @Test
    void keras3FunctionalConfigWithTwoInputsAndMergesIsRebuilt() {
        String policy = "{\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, "
                + "\"registered_name\": null}";
        String json = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {"
                + "\"name\": \"two\", \"trainable\": true, \"layers\": ["
                + input("a", 4) + ", " + input("b", 4) + ", "
                + layer("Dense", "da", "\"units\": 3, \"activation\": \"relu\"", policy, tensors("a"))
                + ", " + layer("Dense", "db", "\"units\": 3", policy, tensors("b"))
                + ", " + layer("Add", "sum", "", policy, "[" + tensors("da", "db") + "]")
                + ", " + layer("Concatenate", "cat", "\"axis\": -1", policy, "[" + tensors("sum", "a") + "]")
                + ", " + layer("Softmax", "out", "\"axis\": -1", policy, tensors("cat"))
                + "], \"input_layers\": [[\"a\", 0, 0], [\"b\", 0, 0]], \"output_layers\": [\"out\", 0, 0]}, "
                + "\"registered_name\": \"Functional\"}";
        Model m = Model.modelFromJson(json);
        assertThat(m.layers().stream().map(Layer::name)).contains("a", "b", "da", "db", "sum", "cat", "out");
        List<KerasTensor> inputs = m.inputs();
        assertThat(inputs).hasSize(2);
        INDArray[] out = m.predict(new INDArray[] {Nd4j.rand(DataType.FLOAT, 5, 4), Nd4j.rand(DataType.FLOAT, 5, 4)});
        assertThat(out[0].shape()).containsExactly(5, 7);
    }

    private static String input(String name, int units) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, "
                + units + "], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"" + name + "\"}, "
                + "\"registered_name\": null, \"name\": \"" + name + "\", \"inbound_nodes\": []}";
    }

    private static String tensors(String... producers) {
        StringBuilder sb = new StringBuilder();
        for (String p : producers) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 3], \"dtype\": "
                    + "\"float32\", \"keras_history\": [\"").append(p).append("\", 0, 0]}}");
        }
        return sb.toString();
    }

    private static String layer(String cls, String name, String fields, String policy, String arg) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"" + cls + "\", \"config\": {\"name\": \"" + name
                + "\", \"trainable\": true, \"dtype\": " + policy + (fields.isEmpty() ? "" : ", " + fields)
                + "}, \"registered_name\": null, \"build_config\": {\"input_shape\": [null, 4]}, \"name\": \"" + name
                + "\", \"inbound_nodes\": [{\"args\": [" + arg + "], \"kwargs\": {}}]}";
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }
}

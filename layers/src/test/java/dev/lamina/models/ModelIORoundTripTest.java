package dev.lamina.models;

import dev.lamina.models.ModelIO;
import dev.lamina.saving.ArchiveReader;
import dev.lamina.saving.Json;
import dev.lamina.saving.ModelFormatException;
import static dev.lamina.models.Fixtures.assertExactlyEqual;
import static dev.lamina.models.Fixtures.assertSameWeights;
import static dev.lamina.models.Fixtures.quiet;
import static dev.lamina.models.Fixtures.toyData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.Lamina;
import dev.lamina.layers.Activation;
import dev.lamina.layers.AveragePooling2D;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.layers.Weight;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.RMSprop;
import dev.lamina.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Save, load, and compare: predictions, summary, weights, compile settings and optimizer state. */
class ModelIORoundTripTest {

    private static INDArray x;
    private static INDArray y;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        INDArray[] d = toyData(24, 5);
        x = d[0];
        y = d[1];
    }

    /**
     * Trains one epoch (so moving statistics and optimizer slots are non-trivial), saves, loads and
     * checks that everything observable came back; returns the loaded model.
     */
    private Model roundTrip(Model model, Optimizer optimizer, String file) throws IOException {
        Lamina.setSeed(3);
        model.compile(optimizer, "categorical_crossentropy", "accuracy");
        model.fit(x, y, quiet(1));
        Path p = dir.resolve(file);
        ModelIO.save(model, p);
        Model loaded = ModelIO.load(p);

        assertThat(loaded.getClass()).isEqualTo(model.getClass());
        assertThat(loaded.summaryString()).isEqualTo(model.summaryString());
        assertSameWeights(loaded, model);
        assertExactlyEqual(loaded.predict(x, 8), model.predict(x, 8), "predictions");
        for (int i = 0; i < model.layers().size(); i++) {
            assertThat(loaded.layers().get(i).seedIndex()).isEqualTo(model.layers().get(i).seedIndex());
        }

        assertThat(loaded.isCompiled()).isTrue();
        assertThat(loaded.optimizer().getClass()).isEqualTo(optimizer.getClass());
        assertThat(loaded.optimizer().getConfig()).isEqualTo(optimizer.getConfig());
        assertThat(loaded.optimizer().iterations()).isEqualTo(optimizer.iterations()).isPositive();
        assertThat(loaded.loss().name()).isEqualTo("categorical_crossentropy");
        assertThat(loaded.compiledMetrics()).containsExactly("accuracy");
        List<Weight> lw = loaded.weights();
        List<Weight> mw = model.weights();
        for (int i = 0; i < mw.size(); i++) {
            Map<String, INDArray> expected = optimizer.slots(mw.get(i).value());
            Map<String, INDArray> actual = loaded.optimizer().slots(lw.get(i).value());
            assertThat(actual.keySet()).as(mw.get(i).path()).isEqualTo(expected.keySet());
            for (String slot : expected.keySet()) {
                assertExactlyEqual(actual.get(slot), expected.get(slot), mw.get(i).path() + " " + slot);
            }
        }
        // Compile settings restored: training continues without compile, identically to the original.
        Lamina.setSeed(4);
        model.fit(x, y, quiet(1));
        Lamina.setSeed(4);
        loaded.fit(x, y, quiet(1));
        assertSameWeights(loaded, model);
        return loaded;
    }

    @Test
    void sequentialWithEveryPlainLayerType() throws IOException {
        Sequential m = new Sequential(
                new Conv2D(4, 3).padding("same").activation("relu").inputShape(8, 8, 1),
                new BatchNormalization(),
                new Activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(6, 3).padding("same"),
                new AveragePooling2D(2),
                new Flatten(),
                new Dropout(0.25),
                new Dense(4).activation("softmax"));
        m.name("every_layer");
        roundTrip(m, new Adam(0.01), "seq.lamina");
    }

    @Test
    void functionalWithInputLayerAndGlobalPooling() throws IOException {
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor t = new Conv2D(4, 3).activation("relu").apply(in);
        t = new BatchNormalization().apply(t);
        t = new GlobalAveragePooling2D().apply(t);
        t = new Dropout(0.5).apply(t);
        t = new Dense(4).activation("softmax").apply(t);
        Model m = new Model(in, t);
        Model loaded = roundTrip(m, new RMSprop(0.01).momentum(0.5).centered(true), "functional.lamina");
        assertThat(loaded.getLayer(0)).isInstanceOf(InputLayer.class);
    }

    @Test
    void nestedModelsBothWays() throws IOException {
        // A functional feature extractor inside a Sequential, itself inside a functional model.
        KerasTensor fin = Input.shape(8, 8, 1);
        Model features = new Model(fin, new MaxPooling2D(2).apply(new Conv2D(3, 3).activation("relu").apply(fin)));
        Sequential middle = new Sequential(features, new Flatten(), new Dense(6).activation("relu"));
        KerasTensor in = Input.shape(8, 8, 1);
        Model outer = new Model(in, new Dense(4).activation("softmax").apply(middle.apply(in)));
        Model loaded = roundTrip(outer, new SGD(0.05).momentum(0.9), "nested.lamina");
        assertThat(loaded.getLayer(1)).isInstanceOf(Sequential.class);
        assertThat(((Sequential) loaded.getLayer(1)).getLayer(0).className()).isEqualTo("Functional");
    }

    @Test
    void sequentialWithAnInputLayerOrBuiltFromData() throws IOException {
        Sequential explicit = new Sequential(new InputLayer(8, 8, 1), new Flatten(), new Dense(4).activation("softmax"));
        roundTrip(explicit, new Adam(), "explicit.lamina");

        Sequential fromData = new Sequential(new Conv2D(2, 3), new Flatten(), new Dense(4).activation("softmax"));
        assertThat(fromData.hasGraph()).isFalse();
        roundTrip(fromData, new Adam(), "fromdata.lamina"); // fit builds it from x's shape
    }

    @Test
    void aLayerAppliedTwiceKeepsSharingItsWeights() throws IOException {
        KerasTensor in = Input.shape(8, 8, 1);
        Dense shared = new Dense(8);
        KerasTensor t = new Dense(8).apply(new Flatten().apply(in));
        t = shared.apply(t);
        t = new Activation("tanh").apply(t);
        t = shared.apply(t);
        Model m = new Model(in, new Dense(4).activation("softmax").apply(t));
        Model loaded = roundTrip(m, new Adam(0.01), "shared.lamina");
        assertThat(loaded.layers()).hasSize(6);
        assertThat(loaded.weights()).hasSize(6);
    }

    @Test
    void subModelsSharingAnotherModelsLayers() throws IOException {
        Sequential cnn = new Sequential(new Conv2D(3, 3).activation("relu").inputShape(8, 8, 1), new MaxPooling2D(2),
                new Flatten(), new Dense(4).activation("softmax"));
        // Keras' feature-extraction idiom: from the model's input to an inner layer's output.
        Model features = new Model(cnn.inputs(), cnn.getLayer(1).output());
        Path p = dir.resolve("features.lamina");
        ModelIO.save(features, p);
        Model loaded = ModelIO.load(p);
        assertThat(loaded.summaryString()).isEqualTo(features.summaryString());
        assertExactlyEqual(loaded.predict(x), features.predict(x), "feature maps");

        // Cut from an inner tensor: an InputLayer of that shape stands in for the missing one.
        Model head = new Model(cnn.getLayer(1).output(), cnn.getLayer(3).output());
        Path q = dir.resolve("head.lamina");
        ModelIO.save(head, q);
        Model loadedHead = ModelIO.load(q);
        INDArray maps = features.predict(x);
        assertExactlyEqual(loadedHead.predict(maps), head.predict(maps), "head predictions");
        assertThat(loadedHead.getLayer(0)).isInstanceOf(InputLayer.class);
        assertSameWeights(loadedHead, head);
    }

    @Test
    void frozenLayersStayFrozen() throws IOException {
        Sequential m = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new BatchNormalization(), new Flatten(),
                new Dense(4).activation("softmax"));
        m.getLayer(0).setTrainable(false);
        Model loaded = roundTrip(m, new Adam(), "frozen.lamina");
        assertThat(loaded.getLayer(0).isTrainable()).isFalse();
        assertThat(loaded.getLayer(1).isTrainable()).isTrue();
        assertThat(loaded.summaryString()).contains("Non-trainable params: 24 ");
    }

    @Test
    void anUnbuiltUncompiledModelRoundTrips() throws IOException {
        Sequential m = new Sequential(new Dense(3), new Dropout(0.1).seed(42), new Dense(2));
        Path p = dir.resolve("unbuilt.lamina");
        ModelIO.save(m, p);
        Model loaded = ModelIO.load(p);
        assertThat(loaded.hasGraph()).isFalse();
        assertThat(loaded.isCompiled()).isFalse();
        assertThat(loaded.summaryString()).isEqualTo(m.summaryString());
        assertThat(loaded.getLayer(1).getConfig()).isEqualTo(m.getLayer(1).getConfig());
    }

    @Test
    void zipHoldsConfigWeightsOptimizerStateAndManifest() throws IOException {
        Sequential m = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(),
                new Dense(4).activation("softmax"));
        m.compile(new Adam(), "categorical_crossentropy", "accuracy");
        m.fit(x, y, quiet(1));
        Path p = dir.resolve("layout.lamina");
        ModelIO.save(m, p);
        Map<String, byte[]> entries = Fixtures.entries(p);
        String conv = m.getLayer(0).name();
        String dense = m.getLayer(2).name();
        assertThat(entries.keySet()).containsExactly("config.json",
                "weights/" + conv + "/kernel.npy", "weights/" + conv + "/bias.npy",
                "weights/" + dense + "/kernel.npy", "weights/" + dense + "/bias.npy",
                "optimizer/" + conv + "/kernel/momentums.npy", "optimizer/" + conv + "/kernel/velocities.npy",
                "optimizer/" + conv + "/bias/momentums.npy", "optimizer/" + conv + "/bias/velocities.npy",
                "optimizer/" + dense + "/kernel/momentums.npy", "optimizer/" + dense + "/kernel/velocities.npy",
                "optimizer/" + dense + "/bias/momentums.npy", "optimizer/" + dense + "/bias/velocities.npy",
                "manifest.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = Json.MAPPER.readValue(entries.get("config.json"), Map.class);
        assertThat(config).containsEntry("format_version", 1).containsKey("lamina_version");
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) config.get("model");
        assertThat(model).containsEntry("class_name", "Sequential");
        assertThat(config.get("compile_config").toString()).contains("adam").contains("categorical_crossentropy");
        assertThat(new String(entries.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8))
                .contains(Fixtures.sha256(entries.get("weights/" + conv + "/kernel.npy")));
    }

    @Test
    void weightsAloneIntoAFreshModelMatchedByPosition() throws IOException {
        Lamina.setSeed(11);
        Sequential a = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new BatchNormalization(), new Flatten(),
                new Dense(4).activation("softmax"));
        a.compile("adam", "categorical_crossentropy");
        a.fit(x, y, quiet(1));
        Path p = dir.resolve("w.lamina");
        ModelIO.saveWeights(a, p);

        Lamina.setSeed(12); // different initial weights, different layer names
        Sequential b = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new BatchNormalization(), new Flatten(),
                new Dense(4).activation("softmax"));
        assertThat(b.getLayer(0).name()).isNotEqualTo(a.getLayer(0).name());
        ModelIO.loadWeights(b, p);
        assertSameWeights(b, a);
        assertExactlyEqual(b.predict(x), a.predict(x), "predictions");

        // A full save also serves loadWeights.
        Path full = dir.resolve("full.lamina");
        ModelIO.save(a, full);
        Sequential c = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new BatchNormalization(), new Flatten(),
                new Dense(4).activation("softmax"));
        ModelIO.loadWeights(c, full);
        assertSameWeights(c, a);

        // A weights file is not a model.
        assertThatThrownBy(() -> ModelIO.load(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("weights only");
    }

    @Test
    void loadWeightsIntoADifferentArchitectureChangesNothing() throws IOException {
        Sequential a = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(), new Dense(4));
        Path p = dir.resolve("a.lamina");
        ModelIO.saveWeights(a, p);
        Sequential b = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(), new Dense(5));
        List<INDArray> before = b.getLayer(0).getWeights();
        assertThatThrownBy(() -> ModelIO.loadWeights(b, p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("shape").hasMessageContaining("kernel");
        assertExactlyEqual(b.getLayer(0).getWeights().get(0), before.get(0), "untouched");

        Sequential unbuilt = new Sequential(new Dense(4));
        assertThatThrownBy(() -> ModelIO.loadWeights(unbuilt, p)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not built");
    }

    @Test
    void oddLayerNamesMakeSafeDistinctEntries() throws IOException {
        Sequential m = new Sequential(new Dense(3).inputShape(4), new Dense(3), new Dense(2));
        m.getLayer(0).name("../../etc");
        m.getLayer(1).name("../../etc"); // duplicates are legal in a Sequential
        m.getLayer(2).name("dense/ü é");
        Path p = dir.resolve("odd.lamina");
        ModelIO.save(m, p);
        assertThat(Fixtures.entries(p).keySet()).allMatch(ArchiveReader::isSafeName)
                .contains("weights/..%2F..%2Fetc/kernel.npy", "weights/..%2F..%2Fetc/kernel.1.npy",
                        "weights/dense%2F%C3%BC%20%C3%A9/kernel.npy");
        Model loaded = ModelIO.load(p);
        assertThat(loaded.summaryString()).isEqualTo(m.summaryString());
        assertSameWeights(loaded, m);
        assertThat(Files.list(dir).count()).isEqualTo(1);
    }
}

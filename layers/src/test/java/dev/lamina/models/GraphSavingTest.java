package dev.lamina.models;

import dev.lamina.models.ModelIO;
import static dev.lamina.models.Fixtures.assertExactlyEqual;
import static dev.lamina.models.Fixtures.assertSameWeights;
import static dev.lamina.models.Fixtures.quiet;
import static dev.lamina.models.Fixtures.toyData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.core.io.Npy;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.Average;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Concatenate;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Cropping2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.GlobalMaxPooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Maximum;
import dev.lamina.layers.Minimum;
import dev.lamina.layers.Multiply;
import dev.lamina.layers.Reshape;
import dev.lamina.layers.Subtract;
import dev.lamina.layers.ZeroPadding2D;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Save and load of graphs with branches: residual blocks, several inputs and outputs, shared and nested layers. */
class GraphSavingTest {

    @TempDir
    Path dir;

    private final INDArray[] data = toyData(32, 8);

    private Model saveAndLoad(Model m, String file) throws IOException {
        Path p = dir.resolve(file);
        ModelIO.save(m, p);
        return ModelIO.load(p);
    }

    @Test
    void residualBlockWithEveryMergeLayer() throws IOException {
        Lamina.setSeed(1);
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor x = new Conv2D(4, 3).padding("same").apply(in);
        KerasTensor y = new Activation("relu").apply(new BatchNormalization().apply(x));
        y = new BatchNormalization().apply(new Conv2D(4, 3).padding("same").apply(y));
        KerasTensor sum = new Activation("relu").apply(new Add().apply(x, y));
        KerasTensor mixed = new Average().apply(new Maximum().apply(sum, x), new Minimum().apply(sum, y),
                new Subtract().apply(new Multiply().apply(x, y), sum));
        KerasTensor padded = new Cropping2D(1).apply(new ZeroPadding2D(1, 2, 0, 1).apply(mixed));
        KerasTensor pooled = new Concatenate().apply(new GlobalAveragePooling2D().apply(padded),
                new GlobalMaxPooling2D().apply(padded));
        KerasTensor out = new Dense(4).activation("softmax").apply(new Reshape(8).apply(pooled));
        Model m = new Model(in, out);
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        m.fit(data[0], data[1], quiet(1));

        Model loaded = saveAndLoad(m, "residual.lamina");
        assertThat(loaded.summaryString()).isEqualTo(m.summaryString());
        assertSameWeights(loaded, m);
        assertExactlyEqual(loaded.predict(data[0]), m.predict(data[0]), "predictions");
        // Training resumes identically: compile state and optimizer slots came back too.
        Lamina.setSeed(2);
        m.fit(data[0], data[1], quiet(1));
        Lamina.setSeed(2);
        loaded.fit(data[0], data[1], quiet(1));
        assertSameWeights(loaded, m);
    }

    @Test
    void twoInputsTwoOutputsKeepTheirLossesAndWeights() throws IOException {
        Lamina.setSeed(3);
        KerasTensor image = Input.shape(8, 8, 1);
        KerasTensor meta = Input.shape(3);
        KerasTensor f = new Concatenate().apply(new Flatten().apply(new Conv2D(2, 3).apply(image)),
                new Dense(4).apply(meta));
        KerasTensor cls = new Dense(4).activation("softmax").name("cls").apply(f);
        KerasTensor box = new Dense(2).name("box").apply(f);
        Model m = new Model(List.of(image, meta), List.of(cls, box));
        m.compile(new Adam(0.01), Map.of("cls", "categorical_crossentropy", "box", "mse"), Map.of("box", 0.25),
                "accuracy");
        INDArray metaX = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 32, 3);
        INDArray[] xs = {data[0], metaX};
        INDArray[] ys = {data[1], metaX.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup()};
        m.fit(xs, ys, quiet(1));

        Model loaded = saveAndLoad(m, "two.lamina");
        assertThat(loaded.inputs()).hasSize(2);
        assertThat(loaded.outputNames()).containsExactly("cls", "box");
        assertThat(loaded.losses()).extracting(l -> l.name()).containsExactly("categorical_crossentropy",
                "mean_squared_error");
        assertThat(loaded.lossWeights()).containsExactly(1.0, 0.25);
        INDArray[] a = loaded.predict(xs);
        INDArray[] b = m.predict(xs);
        assertExactlyEqual(a[0], b[0], "class predictions");
        assertExactlyEqual(a[1], b[1], "box predictions");
        assertThat(loaded.evaluate(xs, ys).asMap()).isEqualTo(m.evaluate(xs, ys).asMap());
    }

    @Test
    void aSharedLayerStaysSharedAcrossBranches() throws IOException {
        Lamina.setSeed(5);
        Dense shared = new Dense(4);
        shared.name("shared");
        KerasTensor a = Input.shape(6);
        KerasTensor b = Input.shape(6);
        Model m = new Model(List.of(a, b), new Dense(2).apply(new Concatenate().apply(shared.apply(a),
                shared.apply(b))));
        Model loaded = saveAndLoad(m, "shared.lamina");
        assertThat(loaded.weights()).hasSize(4);
        assertThat(loaded.getLayer("shared").weights()).hasSize(2);
        INDArray[] xs = {Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 6),
            Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 6)};
        assertExactlyEqual(loaded.predict(xs)[0], m.predict(xs)[0], "predictions");
    }

    @Test
    void aNestedFrozenBackboneStaysFrozen() throws IOException {
        Lamina.setSeed(6);
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor c = new Conv2D(3, 3).padding("same").apply(in);
        Model backbone = new Model(in, new Activation("relu").apply(new Add().apply(c,
                new BatchNormalization().apply(c))));
        backbone.name("backbone");
        backbone.setTrainable(false);
        Sequential m = new Sequential(backbone, new GlobalAveragePooling2D(), new Dense(4).activation("softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        m.fit(data[0], data[1], quiet(1));
        Model loaded = saveAndLoad(m, "frozen.lamina");
        Model loadedBackbone = (Model) loaded.getLayer("backbone");
        assertThat(loadedBackbone.isTrainable()).isFalse();
        assertThat(loadedBackbone.layers()).allMatch(l -> !l.isTrainable());
        assertThat(loaded.summaryString()).isEqualTo(m.summaryString());
        assertExactlyEqual(loaded.predict(data[0]), m.predict(data[0]), "predictions");
    }

    @Test
    void modelsRebuildFromTheirConfigs() {
        Lamina.setSeed(12);
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor x = new Conv2D(3, 3).padding("same").apply(in);
        Model m = new Model(in, new Dense(2).apply(new Flatten().apply(new Add().apply(x,
                new BatchNormalization().apply(x)))));
        Model again = Model.fromConfig(m.getConfig());
        assertThat(again.summaryString()).isEqualTo(m.summaryString());
        assertThat(again.getConfig()).isEqualTo(m.getConfig());
        again.setWeights(m.getWeights());
        assertExactlyEqual(again.predict(data[0]), m.predict(data[0]), "predictions");

        Sequential s = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(), new Dense(3));
        Sequential s2 = Sequential.fromConfig(s.getConfig());
        assertThat(s2.summaryString()).isEqualTo(s.summaryString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sequential.fromConfig(m.getConfig()))
                .hasMessageContaining("Model.fromConfig");
        Map<String, Object> broken = new java.util.LinkedHashMap<>(m.getConfig());
        broken.put("output_layers", List.of(List.of("nowhere", 0, 0)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Model.fromConfig(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
    }

    /** A Dense that stores its kernel doubled: the file holds what the layer's own methods write. */
    static final class DoublingDense extends Dense {
        DoublingDense(int units) {
            super(units);
        }

        @Override
        public String className() {
            return "DoublingDense";
        }

        @Override
        public void saveOwnVariables(Map<String, INDArray> store) {
            super.saveOwnVariables(store);
            store.put("kernel", store.get("kernel").mul(2));
        }

        @Override
        public void loadOwnVariables(Map<String, INDArray> store) {
            Map<String, INDArray> halved = new java.util.HashMap<>(store);
            halved.put("kernel", store.get("kernel").div(2));
            super.loadOwnVariables(halved);
        }
    }

    @Test
    void layersWriteAndReadTheirOwnVariables() throws IOException {
        dev.lamina.layers.LayerRegistry.register("DoublingDense",
                c -> new DoublingDense(((Number) c.get("units")).intValue()).name((String) c.get("name")));
        Lamina.setSeed(9);
        KerasTensor in = Input.shape(5);
        DoublingDense d = new DoublingDense(3);
        d.name("doubling");
        Model m = new Model(in, d.apply(in));
        Path p = dir.resolve("own.lamina");
        ModelIO.save(m, p);
        INDArray stored = Npy.read(Fixtures.entries(p).get("weights/doubling/kernel.npy"), "kernel");
        assertExactlyEqual(stored, d.getWeights().get(0).mul(2), "stored kernel");
        Model loaded = ModelIO.load(p);
        assertSameWeights(loaded, m);

        Map<String, INDArray> partial = new java.util.HashMap<>();
        partial.put("kernel", d.getWeights().get(0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Dense(3).apply(Input.shape(5)).layer()
                .loadOwnVariables(partial)).hasMessageContaining("no saved variable \"bias\"");
    }

    /** Files written before graphs could branch (chain-only configs) load and predict as they did. */
    @Test
    void filesOfTheChainOnlyFormatStillLoad() throws IOException {
        INDArray x = resource("x.npy");
        for (String name : List.of("chain-v1", "shared-v1")) {
            Path p = dir.resolve(name + ".lamina");
            try (InputStream in = getClass().getResourceAsStream("legacy/" + name + ".lamina")) {
                Files.copy(in, p);
            }
            Model m = ModelIO.load(p);
            assertThat(m.isCompiled()).as(name).isTrue();
            assertExactlyEqual(m.predict(x), resource(name + "-predictions.npy"), name);
        }
    }

    private INDArray resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("legacy/" + name)) {
            return Npy.read(in.readAllBytes(), name);
        }
    }
}

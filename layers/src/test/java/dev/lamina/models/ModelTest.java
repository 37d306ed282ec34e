package dev.lamina.models;

import dev.lamina.callbacks.History;
import dev.lamina.layers.KerasTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.callbacks.CSVLogger;
import dev.lamina.callbacks.EarlyStopping;
import dev.lamina.callbacks.ModelCheckpoint;
import dev.lamina.callbacks.ProgressPrinter;
import dev.lamina.core.Lamina;
import dev.lamina.layers.Activation;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.layers.Weight;
import dev.lamina.optim.Adam;
import dev.lamina.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelTest {

    static Sequential mnistCnn() {
        Sequential cnn = new Sequential();
        cnn.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Conv2D(64, 3).activation("relu"));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Conv2D(64, 3).activation("relu"));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Flatten());
        cnn.add(new Dense(64).activation("relu"));
        cnn.add(new Dense(10).activation("softmax"));
        return cnn;
    }

    /** A learnable toy problem: the class is the quadrant of the brightest pixel. */
    static INDArray[] toyData(int n, long seed) {
        return ToyData.quadrants(n, seed);
    }

    static Sequential toyModel() {
        return new Sequential(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1), new MaxPooling2D(2),
                new Flatten(), new Dense(4).activation("softmax"));
    }

    @Test
    void mnistCnnSummaryMatchesKeras() {
        String s = mnistCnn().summaryString();
        assertThat(s).startsWith("Model: \"sequential");
        assertThat(s).contains("Layer (type)").contains("Output Shape").contains("Param #");
        for (String expected : new String[] {"(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)",
            "(None, 5, 5, 64)", "(None, 3, 3, 64)", "(None, 1, 1, 64)", "(None, 64)", "(None, 10)", " 320 │",
            " 18,496 │", " 36,928 │", " 4,160 │", " 650 │"}) {
            assertThat(s).contains(expected);
        }
        assertThat(s).contains("Total params: 60,554 (236.54 KB)").contains("Trainable params: 60,554 (236.54 KB)")
                .contains("Non-trainable params: 0 (0.00 B)");
        assertThat(s).doesNotContain("InputLayer");
    }

    @Test
    void batchNormModelSummaryCountsMovingStatisticsAsNonTrainable() {
        Sequential bn = new Sequential();
        bn.add(new Conv2D(8, 3).inputShape(28, 28, 1));
        bn.add(new Activation("relu"));
        bn.add(new BatchNormalization());
        bn.add(new MaxPooling2D(2));
        bn.add(new Flatten());
        bn.add(new Dense(10).activation("softmax"));
        String s = bn.summaryString();
        assertThat(s).contains("(None, 13, 13, 8)").contains(" 32 │").contains(" 13,530 │")
                .contains("Total params: 13,642 (53.29 KB)").contains("Trainable params: 13,626 (53.23 KB)")
                .contains("Non-trainable params: 16 (64.00 B)");
    }

    @Test
    void functionalModelSummaryListsTheInputLayer() {
        KerasTensor inputs = Input.shape(32, 32, 3);
        KerasTensor x = new Conv2D(32, 3).padding("same").activation("relu").apply(inputs);
        x = new BatchNormalization().apply(x);
        x = new MaxPooling2D(2).apply(x);
        x = new Dropout(0.25).apply(x);
        x = new Flatten().apply(x);
        x = new Dense(512).activation("relu").apply(x);
        KerasTensor predictions = new Dense(10).activation("softmax").apply(x);
        Model model = new Model(inputs, predictions);
        String s = model.summaryString();
        assertThat(s).startsWith("Model: \"functional");
        assertThat(s).contains("(InputLayer)").contains("(None, 32, 32, 3)").contains(" 896 │").contains(" 128 │")
                .contains(" 4,194,816 │").contains(" 5,130 │").contains("Total params: 4,200,970")
                .contains("Non-trainable params: 64");
        assertThat(model.layers().get(0).className()).isEqualTo("InputLayer");
    }

    @Test
    void trainsAToyProblemAndReportsKerasMetrics() {
        Lamina.setSeed(3);
        INDArray[] d = toyData(256, 1);
        Sequential m = toyModel();
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        List<String> lines = new ArrayList<>();
        m.progressPrinter(printer(lines));
        History h = m.fit(d[0], d[1], FitOptions.epochs(8).batchSize(32).validationSplit(0.25));
        assertThat(h.history()).containsKeys("loss", "accuracy", "val_loss", "val_accuracy");
        assertThat(h.history().get("loss")).hasSize(8);
        assertThat(h.last("accuracy")).isGreaterThan(0.9);
        assertThat(h.history().get("loss").get(7)).isLessThan(h.history().get("loss").get(0));
        assertThat(lines).contains("Epoch 1/8");
        assertThat(lines.get(1)).matches("6/6 ━{20} \\d+s \\d+m?s/step - accuracy: 0\\.\\d{4} - loss: \\d\\.\\d{4} - "
                + "val_accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4}");
        EvaluationResult r = m.evaluate(d[0], d[1]);
        assertThat(r.get("accuracy")).isGreaterThan(0.9);
        assertThat(m.predict(d[0]).shape()).containsExactly(256, 4);
    }

    @Test
    void sparseLabelsInBothShapes() {
        Lamina.setSeed(4);
        INDArray[] d = toyData(64, 2);
        INDArray labels = d[1].argMax(1).castTo(DataType.INT32);
        for (INDArray y : new INDArray[] {labels, labels.reshape(64, 1)}) {
            Sequential m = toyModel();
            m.compile(new SGD(0.1), "sparse_categorical_crossentropy", "acc");
            m.progressPrinter(printer(new ArrayList<>()));
            History h = m.fit(d[0], y, FitOptions.epochs(2).verbose(0));
            assertThat(h.history()).containsKeys("loss", "acc");
        }
    }

    @Test
    void sameSeedSameDataIdenticalWeights() {
        INDArray[] d = toyData(96, 5);
        List<List<INDArray>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Lamina.setSeed(11);
            Sequential m = new Sequential(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1), new Flatten(),
                    new Dropout(0.3), new Dense(4).activation("softmax"));
            m.compile("rmsprop", "categorical_crossentropy", "accuracy");
            m.fit(d[0], d[1], FitOptions.epochs(2).batchSize(16).verbose(0));
            runs.add(m.getWeights());
        }
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertThat(runs.get(1).get(i)).isEqualTo(runs.get(0).get(i));
        }
    }

    @Test
    void subModelSharesWeightsAndNestedFrozenModelStaysFixed() {
        Lamina.setSeed(6);
        Sequential cnn = mnistCnn();
        Model features = new Model(cnn.inputs(), cnn.getLayer(2).output());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1);
        assertThat(features.predict(x).shape()).containsExactly(2, 11, 11, 64);
        assertThat(features.getLayer(1).getWeights().get(0)).isEqualTo(cnn.getLayer(0).getWeights().get(0));

        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor h = new Conv2D(4, 3).activation("relu").apply(in);
        Model backbone = new Model(in, new BatchNormalization().apply(h));
        backbone.setTrainable(false);
        Sequential transfer = new Sequential(backbone, new GlobalAveragePooling2D(), new Dense(4).activation("softmax"));
        assertThat(transfer.summaryString()).contains("Non-trainable params: 56");
        List<INDArray> frozen = backbone.getWeights();
        transfer.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        INDArray[] d = toyData(32, 3);
        transfer.fit(d[0], d[1], FitOptions.epochs(1).verbose(0));
        List<INDArray> after = backbone.getWeights();
        for (int i = 0; i < frozen.size(); i++) {
            assertThat(after.get(i)).isEqualTo(frozen.get(i));
        }
        Weight head = transfer.getLayer(2).weights().get(0);
        assertThat(head.isTrainable()).isTrue();
    }

    @Test
    void callbacks(@TempDir Path dir) throws Exception {
        Lamina.setSeed(8);
        INDArray[] d = toyData(64, 4);
        Sequential m = toyModel();
        m.compile(new SGD(1e-9), "categorical_crossentropy", "accuracy");
        EarlyStopping stop = new EarlyStopping().monitor("loss").minDelta(1.0).patience(1);
        Path csv = dir.resolve("log.csv");
        History h = m.fit(d[0], d[1], FitOptions.epochs(10).verbose(0).callbacks(stop, new CSVLogger(csv),
                new ModelCheckpoint(dir.resolve("ckpt-{epoch}.lamina")).monitor("loss")));
        assertThat(h.history().get("loss")).hasSize(2);
        assertThat(stop.stoppedEpoch()).isEqualTo(1);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("epoch,accuracy,loss");
        assertThat(rows).hasSize(3);
        // Saved from inside fit, after the last epoch: the model as fit left it.
        assertThat(Model.load(dir.resolve("ckpt-2.lamina")).getWeights()).isEqualTo(m.getWeights());
    }

    @Test
    void badInputGetsClearErrors() {
        Sequential m = mnistCnn();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 4, 28, 28, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        assertThatThrownBy(() -> m.fit(x, y, FitOptions.epochs(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("compile()");
        m.compile("rmsprop", "categorical_crossentropy", "accuracy");
        assertThatThrownBy(() -> m.fit(x, Nd4j.zeros(DataType.FLOAT, 3, 10), FitOptions.epochs(1)))
                .hasMessageContaining("x sizes: 4").hasMessageContaining("y sizes: 3");
        assertThatThrownBy(() -> m.fit(Nd4j.zeros(DataType.FLOAT, 4, 28, 28), y, FitOptions.epochs(1)))
                .hasMessageContaining("layer \"conv2d").hasMessageContaining("expected shape=(None, 28, 28, 1)")
                .hasMessageContaining("found shape=(4, 28, 28)");
        assertThatThrownBy(() -> m.fit(x, Nd4j.zeros(DataType.FLOAT, 4, 5), FitOptions.epochs(1)))
                .hasMessageContaining("target.shape=(None, 5)").hasMessageContaining("output.shape=(None, 10)");
        assertThatThrownBy(() -> m.compile("adagrad", "categorical_crossentropy")).hasMessageContaining("adagrad")
                .hasMessageContaining("sgd, rmsprop, adam");
        assertThatThrownBy(() -> m.compile("sgd", "hinge")).hasMessageContaining("hinge");
        assertThatThrownBy(() -> new Dense(3).activation("swish")).hasMessageContaining("swish")
                .hasMessageContaining("relu");
        assertThatThrownBy(() -> new Conv2D(0, 3)).hasMessageContaining("filters=0");
        assertThatThrownBy(() -> new Dropout(1.5)).hasMessageContaining("rate=1.5");
        assertThatThrownBy(() -> m.getLayer(0).setWeights(List.of(Nd4j.zeros(3, 3), Nd4j.zeros(32))))
                .hasMessageContaining("conv2d").hasMessageContaining("kernel").hasMessageContaining("(3, 3, 1, 32)");
        Sequential unbuilt = new Sequential(new Dense(3));
        assertThatThrownBy(unbuilt::inputs).hasMessageContaining("no input shape");
    }

    @Test
    void layersRoundTripThroughTheirConfigs() {
        for (Layer l : mnistCnn().layers()) {
            Layer copy = dev.lamina.layers.LayerRegistry.fromConfig(l.className(), l.getConfig());
            assertThat(copy.getConfig()).isEqualTo(l.getConfig());
        }
        assertThatThrownBy(() -> dev.lamina.layers.LayerRegistry.fromConfig("Lambda", java.util.Map.of()))
                .hasMessageContaining("Unknown layer class \"Lambda\"");
    }

    static ProgressPrinter printer(List<String> lines) {
        return new ProgressPrinter() {
            @Override
            public void update(String line) {
            }

            @Override
            public void line(String line) {
                lines.add(line);
            }
        };
    }
}

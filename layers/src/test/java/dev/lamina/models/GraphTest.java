package dev.lamina.models;

import dev.lamina.callbacks.History;
import dev.lamina.core.ops.Ops;
import dev.lamina.layers.KerasTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.GradMode;
import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.layers.Multiply;
import dev.lamina.layers.Subtract;
import dev.lamina.optim.Adam;
import dev.lamina.optim.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Functional graphs with branches: residual blocks, several inputs and outputs, shared layers, errors. */
class GraphTest {

    /** The layers of one residual block, kept so a test can call them one by one. */
    record Residual(Model model, Conv2D stem, Conv2D c1, BatchNormalization b1, Conv2D c2, BatchNormalization b2,
            Dense head) {
    }

    /** {@code Conv2D → BN → relu → Conv2D → BN}, added to its input, relu; then a classifier. */
    static Residual residual() {
        KerasTensor in = Input.shape(28, 28, 1);
        Conv2D stem = new Conv2D(8, 3).strides(2).activation("relu");
        Conv2D c1 = new Conv2D(8, 3).padding("same");
        BatchNormalization b1 = new BatchNormalization();
        Conv2D c2 = new Conv2D(8, 3).padding("same");
        BatchNormalization b2 = new BatchNormalization();
        Dense head = (Dense) new Dense(10).activation("softmax");
        KerasTensor x = stem.apply(in);
        KerasTensor y = b1.apply(c1.apply(x));
        y = new Activation("relu").apply(y);
        y = b2.apply(c2.apply(y));
        KerasTensor out = new Activation("relu").apply(new Add().apply(x, y));
        KerasTensor probs = head.apply(new Flatten().apply(new MaxPooling2D(2).apply(out)));
        return new Residual(new Model(in, probs), stem, c1, b1, c2, b2, head);
    }

    @Test
    void residualBlockTrainsOnMnistAndMatchesTheLayersCalledByHand() {
        Lamina.setSeed(7);
        Residual r = residual();
        Model m = r.model();
        assertThat(m.layers()).hasSize(12);
        INDArray[] data = MnistSample.first(6400 + 1000);
        INDArray[] train = {rows(data[0], 0, 6400), rows(data[1], 0, 6400)};
        INDArray[] test = {rows(data[0], 6400, 7400), rows(data[1], 6400, 7400)};
        m.compile(new Adam(1e-3), "categorical_crossentropy", "accuracy");
        double before = m.evaluate(test[0], test[1]).loss();
        // 200 steps of 32.
        History h = m.fit(train[0], train[1], FitOptions.epochs(1).batchSize(32).verbose(0));
        EvaluationResult after = m.evaluate(test[0], test[1]);
        assertThat(h.history().get("loss")).hasSize(1);
        assertThat(after.loss()).isLessThan(before * 0.5);
        assertThat(after.get("accuracy")).isGreaterThan(0.7);

        INDArray x = data[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16));
        INDArray byHand;
        try (GradMode.Scope off = GradMode.disabled()) {
            Tensor t = Tensor.constant(x);
            Tensor a = r.stem().forward(t, false);
            Tensor y = Ops.relu(r.b1().forward(r.c1().forward(a, false), false));
            y = r.b2().forward(r.c2().forward(y, false), false);
            Tensor sum = Ops.relu(Ops.add(a, y));
            Tensor pooled = new MaxPooling2D(2).forward(sum, false);
            byHand = r.head().forward(Ops.flatten(pooled), false).value().dup();
        }
        assertThat(m.predict(x).equalsWithEps(byHand, 1e-6)).isTrue();
    }

    private static INDArray rows(INDArray a, long from, long to) {
        INDArray r = a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
        return r.dup();
    }

    @Test
    void twoInputsTwoOutputsWithPerOutputLossesAndWeights() {
        Lamina.setSeed(3);
        KerasTensor image = Input.shape(8, 8, 1);
        KerasTensor meta = Input.shape(4);
        KerasTensor features = new Flatten().apply(new Conv2D(4, 3).activation("relu").apply(image));
        KerasTensor joined = new dev.lamina.layers.Concatenate().apply(features, new Dense(8).activation("relu").apply(meta));
        KerasTensor cls = new Dense(4).activation("softmax").name("class").apply(joined);
        KerasTensor box = new Dense(2).name("box").apply(joined);
        Model m = new Model(List.of(image, meta), List.of(cls, box));
        assertThat(m.outputNames()).containsExactly("class", "box");
        m.compile(new Adam(1e-2), Map.of("class", "categorical_crossentropy", "box", "mse"),
                Map.of("class", 1.0, "box", 0.5), "accuracy");

        INDArray[] toy = ToyData.quadrants(256, 11);
        INDArray metaX = Nd4j.rand(DataType.FLOAT, 256, 4);
        INDArray boxY = metaX.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).mul(2).dup();
        INDArray[] xs = {toy[0], metaX};
        INDArray[] ys = {toy[1], boxY};
        EvaluationResult first = m.evaluate(xs, ys);
        assertThat(first.asMap()).containsOnlyKeys("loss", "class_loss", "box_loss", "class_accuracy", "box_accuracy");
        assertThat(first.loss()).isCloseTo(first.get("class_loss") + 0.5 * first.get("box_loss"),
                org.assertj.core.data.Offset.offset(1e-4));
        History h = m.fit(xs, ys, FitOptions.epochs(8).batchSize(32).verbose(0).validationSplit(0.25));
        assertThat(h.history()).containsKeys("loss", "class_loss", "box_loss", "val_loss", "val_class_accuracy");
        List<Double> losses = h.history().get("loss");
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
        INDArray[] out = m.predict(xs);
        assertThat(out).hasSize(2);
        assertThat(m.predict(List.of(xs)).get(1).equalsWithEps(out[1], 1e-6)).isTrue();
        assertThat(m.evaluate(List.of(xs), List.of(ys)).asMap()).isEqualTo(m.evaluate(xs, ys).asMap());
        assertThat(out[0].shape()).containsExactly(256, 4);
        assertThat(out[1].shape()).containsExactly(256, 2);
        assertThatThrownBy(() -> m.predict(toy[0])).hasMessageContaining("expects 2 input(s)");
        assertThatThrownBy(() -> m.forward(Tensor.constant(toy[0]), false)).hasMessageContaining("expects 2 inputs");
        assertThatThrownBy(() -> m.compile(new Adam(), Map.of("class", "mse", "boxes", "mse")))
                .hasMessageContaining("\"boxes\" is not an output").hasMessageContaining("[class, box]");
    }

    @Test
    void compileOptionsDefaultToRmspropAndTakeLossWeights() {
        Lamina.setSeed(2);
        KerasTensor in = Input.shape(4);
        KerasTensor a = new Dense(3).activation("softmax").name("a").apply(in);
        KerasTensor b = new Dense(1).name("b").apply(in);
        Model m = new Model(in, List.of(a, b));
        CompileOptions base = CompileOptions.loss("mse");
        CompileOptions weighted = base.lossWeights(Map.of("b", 2.0)).metrics("accuracy");
        assertThat(weighted).isNotSameAs(base);
        m.compile(weighted);
        assertThat(m.optimizer()).isInstanceOf(dev.lamina.optim.RMSprop.class);
        assertThat(m.lossWeights()).containsExactly(1.0, 2.0);
        assertThat(m.compiledMetrics()).containsExactly("accuracy");

        Model single = new Model(in, new Dense(2).activation("softmax").apply(in));
        single.compile(CompileOptions.loss("categorical_crossentropy").metrics("accuracy").optimizer("adam"));
        assertThat(single.optimizer()).isInstanceOf(Adam.class);
        assertThat(single.loss().name()).isEqualTo("categorical_crossentropy");
    }

    @Test
    void kerasShortFormsFitWithDefaultsAndLoadTyped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Lamina.setSeed(6);
        Sequential s = new Sequential(new Dense(2).activation("softmax").inputShape(3));
        s.compile("sgd", "categorical_crossentropy", "accuracy");
        s.progressPrinter(dev.lamina.callbacks.ProgressPrinter.of(new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()), false));
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 3);
        INDArray y = Nd4j.eye(2).castTo(DataType.FLOAT).repeat(0, 20);
        History h = s.fit(x, y);
        assertThat(h.history().get("loss")).hasSize(1);
        java.nio.file.Path p = dir.resolve("s.lamina");
        s.save(p);
        Sequential again = Sequential.load(p);
        assertThat(again.predict(x).equalsWithEps(s.predict(x), 1e-6)).isTrue();
        KerasTensor in = Input.shape(3);
        Model f = new Model(in, new Dense(2).apply(in));
        java.nio.file.Path q = dir.resolve("f.lamina");
        f.save(q);
        assertThatThrownBy(() -> Sequential.load(q)).hasMessageContaining("Model.load");
    }

    @Test
    void evaluatePrintsKerasResultLine() {
        Lamina.setSeed(2);
        Sequential s = new Sequential(new Dense(2).activation("softmax").inputShape(3));
        s.compile("sgd", "categorical_crossentropy", "accuracy");
        List<String> lines = new java.util.ArrayList<>();
        s.progressPrinter(new dev.lamina.callbacks.ProgressPrinter() {
            @Override
            public void update(String line) {
            }

            @Override
            public void line(String line) {
                lines.add(line);
            }
        });
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 3);
        INDArray y = Nd4j.eye(2).castTo(DataType.FLOAT).repeat(0, 20);
        EvaluationResult r = s.evaluate(x, y, 8);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("5/5 ━━━━━━━━━━━━━━━━━━━━ ").matches(".* - accuracy: [0-9.]+ - loss: [0-9.]+")
                .contains(String.format(java.util.Locale.ROOT, "loss: %.4f", r.loss()));
        // Validation inside fit prints nothing of its own.
        lines.clear();
        s.fit(x, y, FitOptions.epochs(1).batchSize(8).verbose(2).validationSplit(0.5));
        assertThat(lines).hasSize(2).allMatch(l -> !l.contains("━"));
    }

    @Test
    void ioErrorsOfTheModelFacadeAreUnchecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThatThrownBy(() -> Model.load(dir.resolve("missing.lamina")))
                .isInstanceOf(dev.lamina.core.LaminaIOException.class).hasMessageContaining("missing.lamina")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aSharedLayerHasOneSetOfWeightsAndSumsBothGradients() {
        Lamina.setSeed(5);
        Dense shared = new Dense(3);
        KerasTensor a = Input.shape(4);
        KerasTensor b = Input.shape(4);
        KerasTensor out = new Add().apply(shared.apply(a), shared.apply(b));
        Model m = new Model(List.of(a, b), out);
        assertThat(m.weights()).hasSize(2);
        assertThat(m.countParams()).isEqualTo(15);

        INDArray xa = Nd4j.rand(DataType.FLOAT, 5, 4);
        INDArray xb = Nd4j.rand(DataType.FLOAT, 5, 4);
        Tensor[] outs = m.run(new Tensor[] {Tensor.constant(xa), Tensor.constant(xb)}, true, false);
        Ops.sum(outs[0]).backward();
        INDArray kernelGrad = shared.weights().get(0).variable().grad().dup();
        // d/dW sum((xa + xb) W + 2b) = column sums of xa + xb, repeated for each unit.
        INDArray expected = xa.add(xb).sum(0).reshape(4, 1).repeat(1, 3);
        assertThat(kernelGrad.equalsWithEps(expected, 1e-5)).isTrue();
        assertThat(shared.weights().get(1).variable().grad().equalsWithEps(Nd4j.valueArrayOf(3, 10f), 1e-5)).isTrue();
        m.weights().forEach(w -> w.variable().zeroGrad());
    }

    @Test
    void aBranchReadsAnActivationAfterALaterNodeWouldHaveRecycledIt() {
        Lamina.setSeed(9);
        KerasTensor in = Input.shape(6, 6, 2);
        KerasTensor a = new Conv2D(4, 3).padding("same").activation("relu").apply(in);
        // A long branch whose arrays the arena would hand out again if a died early.
        KerasTensor b = new BatchNormalization().apply(new Conv2D(4, 3).padding("same").apply(a));
        b = new Conv2D(4, 3).padding("same").activation("relu").apply(b);
        b = new BatchNormalization().apply(b);
        KerasTensor out = new Subtract().apply(new Multiply().apply(b, a), a);
        Model m = new Model(in, new GlobalAveragePooling2D().apply(out));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6, 6, 2).subi(0.5);
        INDArray planned = m.predict(x, 3);
        INDArray walked;
        try (GradMode.Scope off = GradMode.disabled()) {
            walked = plainWalk(m, x);
        }
        assertThat(planned.equalsWithEps(walked, 1e-6)).isTrue();
        // Repeated calls reuse the arena's arrays; the result must not change.
        assertThat(m.predict(x, 3).equalsWithEps(planned, 1e-6)).isTrue();
    }

    /** Keras' walk with a map and no release, for comparison with the plan. */
    private static INDArray plainWalk(Model m, INDArray x) {
        Map<KerasTensor, Tensor> values = new java.util.IdentityHashMap<>();
        values.put(m.input(), Tensor.constant(x));
        for (Node n : m.nodes()) {
            List<Tensor> args = n.inputs().stream().map(values::get).toList();
            values.put(n.output(), n.layer().forward(args, false));
        }
        return values.get(m.output()).value().dup();
    }

    @Test
    void aDropoutAppliedTwiceInOneStepDrawsTwoMasks() {
        Lamina.setSeed(8);
        dev.lamina.layers.Dropout drop = new dev.lamina.layers.Dropout(0.5);
        KerasTensor in = Input.shape(64);
        Model m = new Model(in, new Subtract().apply(drop.apply(in), drop.apply(in)));
        INDArray ones = Nd4j.ones(DataType.FLOAT, 2, 64);
        Tensor out = m.run(Tensor.constant(ones), true, false);
        // Equal masks would cancel exactly.
        assertThat(out.value().amaxNumber().doubleValue()).isEqualTo(2.0);
        assertThat(drop.randomState()[1]).isEqualTo(2);
    }

    @Test
    void layersAreListedByDepthAsKerasListsThem() {
        // ResNet50's conv block: Keras' summary lists the shortcut's conv after the branch's second
        // relu and interleaves the two batch normalizations before the add.
        KerasTensor in = Input.shape(8, 8, 4);
        KerasTensor shortcut = new BatchNormalization().name("b_0_bn").apply(new Conv2D(8, 1).name("b_0_conv").apply(in));
        KerasTensor x = new Activation("relu").name("b_1_relu").apply(new BatchNormalization().name("b_1_bn")
                .apply(new Conv2D(2, 1).name("b_1_conv").apply(in)));
        x = new Activation("relu").name("b_2_relu").apply(new BatchNormalization().name("b_2_bn")
                .apply(new Conv2D(2, 3).padding("same").name("b_2_conv").apply(x)));
        x = new BatchNormalization().name("b_3_bn").apply(new Conv2D(8, 1).name("b_3_conv").apply(x));
        KerasTensor out = new Activation("relu").name("b_out").apply(new Add().name("b_add").apply(shortcut, x));
        Model m = new Model(in, out);
        assertThat(m.layers().stream().skip(1).map(Layer::name).toList()).containsExactly("b_1_conv", "b_1_bn",
                "b_1_relu", "b_2_conv", "b_2_bn", "b_2_relu", "b_0_conv", "b_3_conv", "b_0_bn", "b_3_bn", "b_add",
                "b_out");
        assertThat(m.summaryString().indexOf("b_0_conv")).isGreaterThan(m.summaryString().indexOf("b_2_relu"));
    }

    @Test
    void graphErrorsNameTheTensorOrLayer() {
        KerasTensor in = Input.shape(8);
        KerasTensor other = Input.shape(8);
        KerasTensor y = new Dense(8).apply(other);
        assertThatThrownBy(() -> new Model(in, y)).hasMessageContaining("Graph disconnected")
                .hasMessageContaining("input_layer");
        assertThatThrownBy(() -> new Add().apply(new Dense(8).apply(in), new Dense(9).apply(in)))
                .hasMessageContaining("(None, 8)").hasMessageContaining("(None, 9)");
        assertThatThrownBy(() -> new Subtract().apply(in, in, in)).hasMessageContaining("exactly 2");
        assertThatThrownBy(() -> new Model(List.of(in, in), List.of(y))).hasMessageContaining("more than once");
        assertThatThrownBy(() -> new Dense(3).apply(in, other)).hasMessageContaining("expects 1 input");
    }

    @Test
    void aFrozenNestedBackboneTrainsOnlyTheHead() {
        Lamina.setSeed(4);
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor c = new Conv2D(4, 3).padding("same").apply(in);
        KerasTensor bn = new BatchNormalization().apply(c);
        Model backbone = new Model(in, new Activation("relu").apply(new Add().apply(c, bn)));
        backbone.setTrainable(false);
        Sequential model = new Sequential(backbone, new GlobalAveragePooling2D(), new Dense(4).activation("softmax"));
        model.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        List<INDArray> frozen = backbone.weights().stream().map(w -> w.value().dup()).toList();
        INDArray head = model.getLayer(2).getWeights().get(0);
        INDArray[] toy = ToyData.quadrants(64, 2);
        model.fit(toy[0], toy[1], FitOptions.epochs(2).batchSize(16).verbose(0));
        for (int i = 0; i < frozen.size(); i++) {
            assertThat(backbone.weights().get(i).value().equals(frozen.get(i))).as(backbone.weights().get(i).name())
                    .isTrue();
        }
        assertThat(model.getLayer(2).getWeights().get(0).equals(head)).isFalse();
        Layer first = model.getLayer(0);
        assertThat(first).isSameAs(backbone);
    }
}

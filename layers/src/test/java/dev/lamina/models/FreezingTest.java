package dev.lamina.models;

import dev.lamina.core.ops.Ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Activation;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import dev.lamina.optim.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A frozen nested model, as in transfer learning: no gradient, no tape, no optimizer slots,
 * inference-mode batch normalization inside {@code fit}, non-trainable in the summary; and
 * fine-tuning after unfreezing part of it.
 */
class FreezingTest {

    private static Model backbone() {
        KerasTensor in = Input.shape(8, 8, 3);
        KerasTensor x = new Conv2D(4, 3).name("b_conv1").apply(in);
        x = new BatchNormalization().name("b_bn1").apply(x);
        x = new Activation("relu").name("b_relu1").apply(x);
        x = new Conv2D(6, 3).name("b_conv2").apply(x);
        x = new BatchNormalization().name("b_bn2").apply(x);
        return new Model(in, x).name("backbone");
    }

    private static Sequential transfer(Model backbone) {
        return new Sequential(backbone, new GlobalAveragePooling2D(), new Dense(3).activation("softmax").name("head"));
    }

    private static List<INDArray> copies(List<Weight> ws) {
        return ws.stream().map(w -> w.value().dup()).toList();
    }

    private static INDArray oneHot(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return y;
    }

    @Test
    void frozenBackboneIsUnchangedByFitWhileTheHeadLearns() {
        Lamina.setSeed(3);
        Model backbone = backbone();
        backbone.setTrainable(false);
        Sequential model = transfer(backbone);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        List<INDArray> before = copies(backbone.weights());
        List<INDArray> headBefore = copies(model.getLayer("head").weights());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 8, 8, 3);
        model.fit(x, oneHot(8), FitOptions.epochs(2).batchSize(4).verbose(0));

        List<Weight> frozen = backbone.weights();
        for (int i = 0; i < frozen.size(); i++) {
            // Kernels, biases, gamma, beta and the moving statistics: BN ran in inference mode.
            assertThat(frozen.get(i).value()).as(frozen.get(i).path()).isEqualTo(before.get(i));
            assertThat(model.optimizer().slots(frozen.get(i).value())).as(frozen.get(i).path()).isEmpty();
        }
        List<Weight> head = model.getLayer("head").weights();
        for (int i = 0; i < head.size(); i++) {
            assertThat(head.get(i).value()).as(head.get(i).path()).isNotEqualTo(headBefore.get(i));
            assertThat(model.optimizer().slots(head.get(i).value())).isNotEmpty();
        }
        String summary = model.summaryString();
        long backboneParams = backbone.countParams();
        long headParams = 6 * 3 + 3;
        assertThat(summary).contains(String.format(java.util.Locale.ROOT, "Trainable params: %,d", headParams));
        assertThat(summary).contains(String.format(java.util.Locale.ROOT, "Non-trainable params: %,d",
                backboneParams));
    }

    @Test
    void noGradientAndNoTapeForFrozenLayers() {
        Lamina.setSeed(4);
        Model backbone = backbone();
        backbone.setTrainable(false);
        Sequential model = transfer(backbone);
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 2, 8, 8, 3));
        Tensor features = backbone.forward(x, true);
        assertThat(features.requiresGrad()).as("the frozen backbone's output is not recorded").isFalse();
        Tensor out = model.forward(x, true);
        Ops.sum(out).backward();
        for (Weight w : backbone.weights()) {
            assertThat(w.variable().grad()).as(w.path()).isNull();
        }
        for (Weight w : model.getLayer("head").weights()) {
            assertThat(w.variable().grad()).as(w.path()).isNotNull();
        }
    }

    @Test
    void unfreezingTheTopOfTheBackboneFineTunesItAfterARecompile() {
        Lamina.setSeed(5);
        Model backbone = backbone();
        backbone.setTrainable(false);
        Sequential model = transfer(backbone);
        model.compile(new Adam(0.01), "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 8, 8, 3);
        model.fit(x, oneHot(8), FitOptions.epochs(1).batchSize(4).verbose(0));

        // Keras' fine-tuning: the backbone trainable again, its first layers frozen, recompiled.
        backbone.setTrainable(true);
        for (Layer l : backbone.layers()) {
            if (l.name().endsWith("1")) {
                l.setTrainable(false);
            }
        }
        model.compile(new Adam(1e-3), "categorical_crossentropy");
        List<INDArray> conv1 = copies(backbone.getLayer("b_conv1").weights());
        List<INDArray> bn1 = copies(backbone.getLayer("b_bn1").weights());
        List<INDArray> conv2 = copies(backbone.getLayer("b_conv2").weights());
        List<INDArray> bn2 = copies(backbone.getLayer("b_bn2").weights());
        model.fit(x, oneHot(8), FitOptions.epochs(1).batchSize(4).verbose(0));

        assertThat(backbone.getLayer("b_conv1").getWeights()).isEqualTo(conv1);
        assertThat(backbone.getLayer("b_bn1").getWeights()).isEqualTo(bn1);
        assertThat(backbone.getLayer("b_conv2").getWeights().get(0)).isNotEqualTo(conv2.get(0));
        // Trainable again: the moving statistics follow the batches.
        assertThat(backbone.getLayer("b_bn2").getWeights().get(2)).isNotEqualTo(bn2.get(2));
    }
}

package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import dev.lamina.losses.CategoricalCrossentropy;
import dev.lamina.losses.Loss;
import dev.lamina.losses.SparseCategoricalCrossentropy;
import dev.lamina.testing.ReferenceCase;
import dev.lamina.testing.ReferenceCases;
import dev.lamina.testing.ReferenceOps;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer and loss cases of the shared reference folder, run again through the Keras layer and
 * loss classes built from each case's parameters (the core module runs them through the ops).
 */
class LayersReferenceTest {

    @TestFactory
    Stream<DynamicTest> referenceCases() {
        Map<String, Consumer<ReferenceCase>> runners = Map.ofEntries(
                Map.entry("conv2d", LayersReferenceTest::conv2d),
                Map.entry("max_pooling2d", c -> pooling(c, true)),
                Map.entry("average_pooling2d", c -> pooling(c, false)),
                Map.entry("dense", LayersReferenceTest::dense),
                Map.entry("flatten", c -> run(c, new Flatten(), List.of())),
                Map.entry("batch_normalization", LayersReferenceTest::batchNormalization),
                Map.entry("relu", c -> run(c, new Activation("relu"), List.of())),
                Map.entry("tanh", c -> run(c, new Activation("tanh"), List.of())),
                Map.entry("sigmoid", c -> run(c, new Activation("sigmoid"), List.of())),
                Map.entry("softmax", c -> run(c, new Activation("softmax"), List.of())),
                Map.entry("categorical_crossentropy", c -> loss(c, new CategoricalCrossentropy(), "y_true")),
                Map.entry("sparse_categorical_crossentropy",
                        c -> loss(c, new SparseCategoricalCrossentropy(), "labels")));
        // The model-level ops (train_tiny_cnn, summary) run in ModelsReferenceTest.
        Map<String, String> elsewhere = new java.util.HashMap<>(ReferenceOps.checkedElsewhere("lamina-layers"));
        ReferenceOps.LAYERS.forEach(op -> elsewhere.put(op, "lamina-layers' ModelsReferenceTest"));
        return ReferenceCases.tests(runners, elsewhere);
    }

    private static void conv2d(ReferenceCase c) {
        boolean useBias = c.params().path("use_bias").asBoolean(true);
        Conv2D layer = new Conv2D(c.params().path("filters").asInt(), c.intPair("kernel_size"))
                .strides(c.intPair("strides")).padding(c.params().path("padding").asText()).useBias(useBias);
        run(c, layer, useBias ? List.of("kernel", "bias") : List.of("kernel"));
    }

    private static void pooling(ReferenceCase c, boolean max) {
        int[] pool = c.intPair("pool_size");
        Pooling2D layer = max ? new MaxPooling2D(pool) : new AveragePooling2D(pool);
        layer.strides(c.intPair("strides")).padding(c.params().path("padding").asText());
        run(c, layer, List.of());
    }

    private static void dense(ReferenceCase c) {
        boolean useBias = c.params().path("use_bias").asBoolean(true);
        Dense layer = new Dense(c.params().path("units").asInt()).useBias(useBias);
        run(c, layer, useBias ? List.of("kernel", "bias") : List.of("kernel"));
    }

    /** Builds the layer from x's shape, loads the case's weights, runs forward and backward. */
    private static void run(ReferenceCase c, Layer layer, List<String> weightNames) {
        INDArray xv = c.input("x");
        layer.build(xv.shape());
        layer.setWeights(weightNames.stream().map(c::input).toList());
        Tensor x = Tensor.variable(xv);
        Tensor y = layer.forward(x, true);
        y.backward(c.input("dy"));
        c.check("y", y.value());
        c.check("dx", x.grad());
        for (int i = 0; i < weightNames.size(); i++) {
            c.check("d" + weightNames.get(i), layer.weights().get(i).variable().grad());
        }
    }

    private static void batchNormalization(ReferenceCase c) {
        BatchNormalization layer = new BatchNormalization().momentum(c.params().path("momentum").asDouble())
                .epsilon(c.params().path("epsilon").asDouble());
        INDArray xv = c.input("x");
        layer.build(xv.shape());
        layer.setWeights(List.of(c.input("gamma"), c.input("beta"), c.input("moving_mean"), c.input("moving_variance")));
        c.check("y_inference", layer.forward(Tensor.constant(xv), false).value());
        Tensor x = Tensor.variable(xv);
        Tensor y = layer.forward(x, true);
        y.backward(c.input("dy"));
        c.check("y", y.value());
        c.check("dx", x.grad());
        c.check("dgamma", layer.weights().get(0).variable().grad());
        c.check("dbeta", layer.weights().get(1).variable().grad());
        c.check("moving_mean_after", layer.weights().get(2).value());
        c.check("moving_variance_after", layer.weights().get(3).value());
        c.check("y_inference_after", layer.forward(Tensor.constant(xv), false).value());
        // The batch statistics are internal to the layer; the ops runner checks them. tf.keras 2's
        // unbiased moving variance is not Keras 3's target.
        c.informational("batch_mean", "batch_variance", "moving_variance_after_tf2_unbiased");
    }

    private static void loss(ReferenceCase c, Loss loss, String targetName) {
        INDArray targets = c.input(targetName);
        Tensor logits = Tensor.variable(c.input("logits"));
        Tensor p = new Activation("softmax").forward(logits, true);
        Tensor perSample = loss.perSample(targets, p);
        Tensor mean = Ops.mean(perSample);
        c.check("p", p.value());
        c.check("per_sample_loss", perSample.value());
        c.check("loss", mean.value());
        mean.backward();
        c.check("dloss_dlogits", logits.grad());
        // The gradients with respect to p are checked by the ops runner.
        c.informational("dloss_dp", "dloss_dp_renorm");
    }
}

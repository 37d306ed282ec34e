package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.GradMode;
import dev.lamina.core.LaminaIOException;
import dev.lamina.core.Tensor;
import dev.lamina.core.io.Npy;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LeakyReLU;
import dev.lamina.losses.MeanSquaredError;
import dev.lamina.optim.Adam;
import dev.lamina.optim.RMSprop;
import dev.lamina.optim.SGD;
import dev.lamina.saving.h5.KerasFiles;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Model.load} over every real Keras file of the shared fixture set: each loads, or is
 * refused with a message naming what Lamina lacks; where Keras' own outputs were recorded, the
 * loaded model computes them.
 */
class KerasFilesTest {

    /** What {@code Model.load} does with a file. */
    enum Outcome { LOADS, REFUSED, WEIGHTS_ONLY, NOT_KERAS_MODEL, NOT_A_MODEL_FILE }

    private static Arguments file(String name, Outcome outcome, String message) {
        return Arguments.of(name, outcome, message);
    }

    /** Every file of the folder, with what must happen; the message is what a refusal must name. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                file("keras2.1.3-h5/batch_to_conv2d_tensorflow_2.h5", Outcome.LOADS, null),
                file("keras2.1.3-h5/cnn_batch_norm.h5", Outcome.LOADS, null),
                file("keras2.1.3-h5/conv2d_tensorflow_2.h5", Outcome.LOADS, null),
                file("keras2.1.3-h5/input.npy", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.1.3-h5/predictions.npy", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.14.0-h5/str_ww_ref_model.h5", Outcome.REFUSED, "DepthwiseConv2D"),
                file("keras2.2.0-h5/12net.h5", Outcome.REFUSED, "PReLU"),
                file("keras2.2.4-tf-h5/cnn2d_64.h5", Outcome.REFUSED, "SpatialDropout2D"),
                file("keras2.2.4-tf-h5/cnn2d_65.h5", Outcome.REFUSED, "SpatialDropout2D"),
                file("keras2.2.4-tf-h5/cnn2d_67.h5", Outcome.REFUSED, "SpatialDropout2D"),
                file("keras2.2.4-tf-weights/modelConfig.json", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.2.4-tf-weights/weights.h5", Outcome.WEIGHTS_ONLY, "weights only"),
                file("keras2.3.1-h5/LeakyReLU_0_config.json", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.3.1-h5/LeakyReLU_0_inputs_and_outputs.h5", Outcome.NOT_KERAS_MODEL, "model_config"),
                file("keras2.3.1-h5/LeakyReLU_0_model.h5", Outcome.LOADS, null),
                file("keras2.3.1-h5/LeakyReLU_0_weights.h5", Outcome.WEIGHTS_ONLY, "weights only"),
                file("keras2.3.1-h5/ReLU_0_config.json", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.3.1-h5/ReLU_0_inputs_and_outputs.h5", Outcome.NOT_KERAS_MODEL, "model_config"),
                file("keras2.3.1-h5/ReLU_0_model.h5", Outcome.LOADS, null),
                file("keras2.3.1-h5/ReLU_0_weights.h5", Outcome.WEIGHTS_ONLY, "weights only"),
                file("keras2.3.1-h5/Softmax_0_config.json", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.3.1-h5/Softmax_0_inputs_and_outputs.h5", Outcome.NOT_KERAS_MODEL, "model_config"),
                file("keras2.3.1-h5/Softmax_0_model.h5", Outcome.LOADS, null),
                file("keras2.3.1-h5/Softmax_0_weights.h5", Outcome.WEIGHTS_ONLY, "weights only"),
                file("keras2.3.1-h5/conv1d_k2_s1_d1_cl_same_config.json", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.3.1-h5/conv1d_k2_s1_d1_cl_same_inputs_and_outputs.h5", Outcome.NOT_KERAS_MODEL,
                        "model_config"),
                file("keras2.3.1-h5/conv1d_k2_s1_d1_cl_same_model.h5", Outcome.LOADS, null),
                file("keras2.3.1-h5/conv1d_k2_s1_d1_cl_same_weights.h5", Outcome.WEIGHTS_ONLY, "weights only"),
                file("keras2.3.1-h5/simple_sparse_xent_mlp_keras_2_config.json", Outcome.NOT_A_MODEL_FILE, "zip"),
                file("keras2.3.1-h5/simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5", Outcome.NOT_KERAS_MODEL,
                        "model_config"),
                file("keras2.3.1-h5/simple_sparse_xent_mlp_keras_2_model.h5", Outcome.LOADS, null),
                file("keras2.3.1-h5/simple_sparse_xent_mlp_keras_2_weights.h5", Outcome.WEIGHTS_ONLY, "weights only"),
                file("keras2.4.0-h5/pretrainedResnet.h5", Outcome.LOADS, null),
                file("keras3.1.1-h5/mnist_model.h5", Outcome.LOADS, null),
                file("keras3.1.1-keras/mnist_model.keras", Outcome.LOADS, null),
                file("keras3.11.3-h5/mnist_cnn.h5", Outcome.LOADS, null),
                file("keras3.11.3-keras/mnist_cnn.keras", Outcome.LOADS, null),
                file("keras3.8.0-keras/model.keras", Outcome.REFUSED, "Masking"),
                file("keras3.15.0-keras/pre_pr22362_nested_container.keras", Outcome.REFUSED, "NestedDenseModel"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixtures")
    void everyFixtureLoadsOrIsRefusedByName(String name, Outcome outcome, String message) {
        Path p = KerasFiles.file(name);
        if (outcome == Outcome.LOADS) {
            Model m = Model.load(p);
            assertThat(m.hasGraph()).isTrue();
            assertThat(m.weights()).isNotEmpty();
            return;
        }
        assertThatThrownBy(() -> Model.load(p)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining(message);
        if (outcome == Outcome.REFUSED) {
            assertThatThrownBy(() -> Model.load(p)).hasMessageMatching("(?s).*(unsupported layer class|custom class).*");
        }
    }

    @Test
    void everyFileOfTheFolderIsListed() throws Exception {
        Path base = KerasFiles.file("keras2.1.3-h5/cnn_batch_norm.h5").getParent().getParent();
        List<String> listed = fixtures().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> all = Files.walk(base)) {
            List<String> files = all.filter(Files::isRegularFile)
                    .map(f -> base.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.startsWith("keras")).sorted().toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
        }
    }

    // ---- Keras' recorded outputs ----

    @Test
    void cnnBatchNormPredictsWhatKerasPredicted() throws Exception {
        Model m = Model.load(KerasFiles.file("keras2.1.3-h5/cnn_batch_norm.h5"));
        INDArray x = Npy.read(Files.readAllBytes(KerasFiles.file("keras2.1.3-h5/input.npy")), "input.npy")
                .castTo(DataType.FLOAT);
        INDArray expected = Npy.read(Files.readAllBytes(KerasFiles.file("keras2.1.3-h5/predictions.npy")),
                "predictions.npy");
        assertClose(m.predict(x), expected, "cnn_batch_norm predictions");
    }

    static Stream<String> dl4jCases() {
        return Stream.of("ReLU_0", "LeakyReLU_0", "Softmax_0", "simple_sparse_xent_mlp_keras_2", "conv1d_k2_s1_d1_cl_same");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dl4jCases")
    void fullModelComputesKerasOutputsAndActivations(String name) throws Exception {
        Model m = Model.load(KerasFiles.file("keras2.3.1-h5/" + name + "_model.h5"));
        assertMatchesReference(m, KerasFiles.file("keras2.3.1-h5/" + name + "_inputs_and_outputs.h5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dl4jCases")
    void jsonConfigWithSaveWeightsFileComputesKerasOutputs(String name) throws Exception {
        Model m = Model.modelFromJson(Files.readString(KerasFiles.file("keras2.3.1-h5/" + name + "_config.json")));
        m.loadWeights(KerasFiles.file("keras2.3.1-h5/" + name + "_weights.h5"));
        assertMatchesReference(m, KerasFiles.file("keras2.3.1-h5/" + name + "_inputs_and_outputs.h5"));
    }

    @Test
    void leakyReluSlopeComesFromKeras2Alpha() {
        Model m = Model.load(KerasFiles.file("keras2.3.1-h5/LeakyReLU_0_model.h5"));
        assertThat(((LeakyReLU) m.getLayer("leaky_re_lu_1")).negativeSlope()).isEqualTo(0.5);
    }

    /** The input, the output and every layer's activation recorded in a DL4J reference file. */
    private static void assertMatchesReference(Model m, Path reference) {
        try (HdfFile h5 = new HdfFile(reference)) {
            String input = children(h5, "inputs").keySet().iterator().next();
            INDArray x = read(h5, "inputs/" + input);
            Tensor t = Tensor.constant(x);
            int compared = 0;
            try (GradMode.Scope off = GradMode.disabled()) {
                for (Layer l : m.layers()) {
                    t = l.forward(t, false);
                    if (children(h5, "activations").containsKey(l.name())) {
                        assertClose(t.value(), read(h5, "activations/" + l.name()), "activation of " + l.name());
                        compared++;
                    }
                }
            }
            assertThat(compared).isEqualTo(m.layers().size());
            String output = children(h5, "outputs").keySet().iterator().next();
            assertClose(m.predict(x), read(h5, "outputs/" + output), "output " + output);
            assertClose(m.predict(x), read(h5, "predictions/" + output), "prediction " + output);
        }
    }

    private static java.util.Map<String, io.jhdf.api.Node> children(HdfFile h5, String group) {
        return ((io.jhdf.api.Group) h5.getChild(group)).getChildren();
    }

    private static INDArray read(HdfFile h5, String path) {
        Dataset d = h5.getDatasetByPath(path);
        long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
        return Nd4j.create((float[]) d.getDataFlat(), shape, 'c');
    }

    /** Equal within 1e-5 of the expected tensor's largest magnitude. */
    static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-30);
        double diff = actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue();
        assertThat(diff / scale).as(what + ": max |difference| " + diff + " against max |value| " + scale)
                .isLessThanOrEqualTo(1e-5);
    }

    // ---- the same weights in two formats ----

    @Test
    void kerasAndH5TwinsLoadToIdenticalWeightsAndOutputs() {
        Model zip = Model.load(KerasFiles.file("keras3.11.3-keras/mnist_cnn.keras"));
        Model h5 = Model.load(KerasFiles.file("keras3.11.3-h5/mnist_cnn.h5"));
        assertThat(zip.weights()).hasSize(8).hasSameSizeAs(h5.weights());
        for (int i = 0; i < zip.weights().size(); i++) {
            assertThat(zip.weights().get(i).value()).as(zip.weights().get(i).path())
                    .isEqualTo(h5.weights().get(i).value());
        }
        assertThat(zip.getLayer(0).name()).isEqualTo("conv2d_2");
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 28, 28, 1);
        INDArray p = zip.predict(x);
        assertThat(p).isEqualTo(h5.predict(x));
        assertThat(p.sum(1).getDouble(0)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    }

    // ---- training settings ----

    @Test
    void trainingConfigCompilesWhenLaminaHasItsParts() {
        Model cnn = Model.load(KerasFiles.file("keras2.1.3-h5/cnn_batch_norm.h5"));
        assertThat(cnn.isCompiled()).isTrue();
        assertThat(cnn.optimizer()).isInstanceOf(Adam.class);
        assertThat(cnn.optimizer().learningRate()).isCloseTo(1e-3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(cnn.loss()).isInstanceOf(MeanSquaredError.class);

        Model batchToConv = Model.load(KerasFiles.file("keras2.1.3-h5/batch_to_conv2d_tensorflow_2.h5"));
        assertThat(batchToConv.optimizer()).isInstanceOf(SGD.class);
        assertThat(batchToConv.optimizer().learningRate()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-8));

        Model sparse = Model.load(KerasFiles.file("keras2.3.1-h5/simple_sparse_xent_mlp_keras_2_model.h5"));
        assertThat(sparse.optimizer()).isInstanceOf(RMSprop.class);
        assertThat(sparse.loss().name()).isEqualTo("sparse_categorical_crossentropy");

        // Keras 3's compile_config: the optimizer by name, or absent: then the optimizer whose state
        // the file holds (the name attribute of optimizer/vars), else compile's default, rmsprop.
        assertThat(Model.load(KerasFiles.file("keras3.1.1-keras/mnist_model.keras")).optimizer())
                .isInstanceOf(Adam.class);
        assertThat(Model.load(KerasFiles.file("keras3.11.3-keras/mnist_cnn.keras")).optimizer())
                .isInstanceOf(Adam.class);
    }

    @Test
    void compileConfigWithoutOptimizerNorItsNameCompilesRmsprop(@TempDir Path dir) throws IOException {
        // The Keras 3.1 file records no optimizer name; its Adam state does not fit RMSprop and is skipped.
        Path edited = Fixtures.rewrite(KerasFiles.file("keras3.1.1-keras/mnist_model.keras"), dir.resolve("m.keras"),
                false, entries -> {
                    String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
                    assertThat(config).containsOnlyOnce("\"optimizer\": \"adam\", ");
                    entries.put("config.json", config.replace("\"optimizer\": \"adam\", ", "")
                            .getBytes(StandardCharsets.UTF_8));
                });
        Model m = Model.load(edited);
        assertThat(m.optimizer()).isInstanceOf(RMSprop.class);
        assertThat(m.optimizer().iterations()).isZero();
    }

    @Test
    void regularizersLeaveTheModelUncompiledButPredicting() {
        // Its Conv2D and Dense layers carry L2 kernel regularizers, which Lamina does not apply.
        Model resnet = Model.load(KerasFiles.file("keras2.4.0-h5/pretrainedResnet.h5"));
        assertThat(resnet.isCompiled()).isFalse();
        INDArray p = resnet.predict(Nd4j.rand(DataType.FLOAT, 2, 32, 32, 3));
        assertThat(p.shape()).containsExactly(2, 10);
        assertThat(p.sum(1).getDouble(1)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void aMetricLaminaLacksLeavesTheModelUncompiled() {
        // ReLU_0 was compiled with metrics=["mae"].
        Model m = Model.load(KerasFiles.file("keras2.3.1-h5/ReLU_0_model.h5"));
        assertThat(m.isCompiled()).isFalse();
    }

    // ---- loading by content, not by name ----

    @Test
    void anHdf5FileNamedKerasLoadsAsHdf5(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path renamed = tmp.resolve("cnn.keras");
        Files.copy(KerasFiles.file("keras2.1.3-h5/cnn_batch_norm.h5"), renamed);
        Model m = Model.load(renamed);
        assertThat(m.layers()).hasSize(6);
    }
}

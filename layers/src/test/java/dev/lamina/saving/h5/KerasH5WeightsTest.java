package dev.lamina.saving.h5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.LaminaIOException;
import dev.lamina.saving.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The HDF5 weight files Keras wrote, across versions and both file kinds. */
class KerasH5WeightsTest {

    @TempDir
    Path tmp;

    @Test
    void saveWeightsFileOfKeras224ReadsEveryLayerInFileOrder() {
        try (KerasH5Weights f = KerasH5Weights.open(KerasFiles.file("keras2.2.4-tf-weights/weights.h5"))) {
            assertThat(f.isFullModel()).isFalse();
            assertThat(f.layerNames()).hasSize(14).startsWith("img", "conv2d_34", "conv2d_35", "max_pooling2d_5");
            assertThat(f.weightNames("img")).isEmpty();
            assertThat(f.weights("img")).isEmpty();
            assertThat(f.weightNames("conv2d_34")).containsExactly("conv2d_34/kernel:0", "conv2d_34/bias:0");
            List<INDArray> conv = f.weights("conv2d_34");
            assertThat(conv.get(0).shape()).containsExactly(3, 3, 1, 32);
            assertThat(conv.get(0).dataType()).isEqualTo(DataType.FLOAT);
            assertThat(conv.get(1).shape()).containsExactly(32);
            Map<String, List<INDArray>> all = f.readAll();
            assertThat(all.keySet()).containsExactly("conv2d_34", "conv2d_35", "conv2d_36", "conv2d_37", "conv2d_38",
                    "conv2d_39", "conv2d_40", "dense_6", "dense_7");
            assertThat(f.layersWithWeights()).containsExactlyElementsOf(all.keySet());
            assertThat(all.get("dense_7").get(0).shape()).containsExactly(256, 10);
        }
    }

    @Test
    void fullModelOfKeras213ReadsFromModelWeightsWithBatchNormInKerasOrder() throws IOException {
        try (KerasH5Weights f = KerasH5Weights.open(KerasFiles.file("keras2.1.3-h5/cnn_batch_norm.h5"))) {
            assertThat(f.isFullModel()).isTrue();
            assertThat(f.kerasVersion()).contains("2.1.3");
            assertThat(f.backend()).contains("tensorflow");
            assertThat(f.layerNames()).containsExactly("conv2d_1", "batch_normalization_1", "activation_1", "conv2d_2",
                    "flatten_1", "dense_1");
            assertThat(f.weightNames("batch_normalization_1")).containsExactly("batch_normalization_1/gamma:0",
                    "batch_normalization_1/beta:0", "batch_normalization_1/moving_mean:0",
                    "batch_normalization_1/moving_variance:0");
            List<INDArray> bn = f.weights("batch_normalization_1");
            // The file's BN is untrained: gamma 1, beta 0, mean 0, variance 1.
            assertThat(bn.get(0).getDouble(0)).isEqualTo(1.0);
            assertThat(bn.get(1).getDouble(0)).isEqualTo(0.0);
            assertThat(bn.get(3).getDouble(0)).isEqualTo(1.0);
            assertThat(f.weights("dense_1").get(0).shape()).containsExactly(36, 1);
        }
    }

    @Test
    void keras3NamesOfAnyDepthAndTheTopLevelGroupAreHandled() {
        try (KerasH5Weights f = KerasH5Weights.open(KerasFiles.file("keras3.1.1-h5/mnist_model.h5"))) {
            assertThat(f.weightNames("conv2d")).containsExactly("kernel", "bias");
            assertThat(f.weights("dense").get(0).shape()).containsExactly(1600, 10);
            assertThat(f.layerNames()).doesNotContain("top_level_model_weights");
        }
        try (KerasH5Weights f = KerasH5Weights.open(KerasFiles.file("keras3.11.3-h5/mnist_cnn.h5"))) {
            assertThat(f.weightNames("conv2d_2")).containsExactly("sequential_1/conv2d_2/kernel",
                    "sequential_1/conv2d_2/bias");
            assertThat(f.weights("conv2d_2").get(0).shape()).containsExactly(3, 3, 1, 32);
            assertThat(f.readAll()).containsOnlyKeys("conv2d_2", "conv2d_3", "dense_2", "dense_3");
        }
    }

    @Test
    void sameArraysFromTheModelFileAndTheWeightsFileOfOneDl4jTriple() {
        Path dir = KerasFiles.file("keras2.3.1-h5/LeakyReLU_0_model.h5").getParent();
        try (KerasH5Weights model = KerasH5Weights.open(dir.resolve("LeakyReLU_0_model.h5"));
                KerasH5Weights weights = KerasH5Weights.open(dir.resolve("LeakyReLU_0_weights.h5"))) {
            assertThat(model.weights("dense").get(0)).isEqualTo(weights.weights("dense").get(0));
            assertThat(model.weights("dense").get(0).shape()).containsExactly(16, 32);
        }
    }

    @Test
    void errorsNameTheFileAndWhatIsWrong() throws IOException {
        Path notHdf5 = Files.writeString(tmp.resolve("x.h5"), "not hdf5 at all");
        assertThatThrownBy(() -> KerasH5Weights.open(notHdf5)).isInstanceOf(LaminaIOException.class)
                .hasCauseInstanceOf(ModelFormatException.class).hasMessageContaining("x.h5")
                .hasMessageContaining("not an HDF5 file");
        assertThatThrownBy(() -> KerasH5Weights.open(tmp.resolve("missing.h5"))).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("missing.h5");
        Path data = KerasFiles.file("keras2.3.1-h5/LeakyReLU_0_inputs_and_outputs.h5");
        assertThatThrownBy(() -> KerasH5Weights.open(data)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("layer_names").hasMessageContaining("LeakyReLU_0_inputs_and_outputs.h5");
        try (KerasH5Weights f = KerasH5Weights.open(KerasFiles.file("keras2.1.3-h5/cnn_batch_norm.h5"))) {
            assertThatThrownBy(() -> f.weights("dense_9")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dense_9").hasMessageContaining("conv2d_1");
        }
    }
}

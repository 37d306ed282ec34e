package dev.lamina.saving.h5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fixture writer produces files the reader reads back as written. */
class KerasH5WriterTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripInKerasLayout() throws IOException {
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 3, 3, 2, 4);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 4);
        Map<String, INDArray> conv = new LinkedHashMap<>();
        conv.put("kernel", kernel);
        conv.put("bias", bias);
        Map<String, Map<String, INDArray>> layers = new LinkedHashMap<>();
        layers.put("conv1_conv", conv);
        layers.put("predictions", Map.of("kernel", Nd4j.rand(DataType.FLOAT, 4, 2)));
        Path file = tmp.resolve("w.h5");
        KerasH5Writer.write(file, layers);
        try (KerasH5Weights f = KerasH5Weights.open(file)) {
            assertThat(f.layerNames()).containsExactly("conv1_conv", "predictions");
            assertThat(f.weightNames("conv1_conv")).containsExactly("conv1_conv/kernel:0", "conv1_conv/bias:0");
            assertThat(f.weights("conv1_conv")).containsExactly(kernel, bias);
            assertThat(f.kerasVersion()).contains("2.2.4");
        }
    }
}

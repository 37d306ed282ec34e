package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamina.core.Lamina;
import dev.lamina.saving.h5.KerasFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The HDF5 files Lamina writes for Keras, read by h5py (the library Keras itself reads them with),
 * have Keras' group paths, dataset shapes and dtypes, and root attributes. Skipped where Debian's
 * {@code python3-h5py} is missing (CI installs it).
 */
class KerasLayoutWithH5pyTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsH5py() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import h5py").start().waitFor() == 0;
        assumeTrue(present, "python3-h5py is not installed");
    }

    @Test
    void kerasWeightsOfTheMnistCnnSitWhereKeras3PutsThem() throws Exception {
        Lamina.setSeed(1);
        Path keras = dir.resolve("m.keras");
        KerasWriteTest.mnistCnn().save(keras);
        Path weights = dir.resolve("model.weights.h5");
        try (ZipFile z = new ZipFile(keras.toFile()); InputStream in = z.getInputStream(z.getEntry("model.weights.h5"))) {
            Files.copy(in, weights);
        }
        List<String> layout = h5py(weights);
        assertThat(layout).contains(
                "D /layers/conv2d/vars/0 3x3x1x32 float32", "D /layers/conv2d/vars/1 32 float32",
                "D /layers/conv2d_1/vars/0 3x3x32x64 float32", "D /layers/conv2d_1/vars/1 64 float32",
                "D /layers/dense/vars/0 1600x128 float32", "D /layers/dense/vars/1 128 float32",
                "D /layers/dense_1/vars/0 128x10 float32", "D /layers/dense_1/vars/1 10 float32");
        assertThat(layout.stream().filter(l -> l.startsWith("D /layers/")).count()).isEqualTo(8);
    }

    @Test
    void trainedMnistCnnHasTheWholeLayoutOfKerasFile() throws Exception {
        Lamina.setSeed(1);
        Sequential m = KerasWriteTest.mnistCnn();
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1);
        INDArray y = Nd4j.eye(10).getRows(3, 7);
        m.trainOnBatch(x, y);
        Path keras = dir.resolve("m.keras");
        m.save(keras);
        List<String> ours = h5py(weightsOf(keras, "ours.weights.h5"));
        List<String> theirs = h5py(weightsOf(KerasFiles.file("keras3.11.3-keras/mnist_cnn.keras"), "keras.weights.h5"));
        // Paths, shapes and dtypes of every group and dataset, the optimizer's included, and the
        // name attributes: empty vars groups, int64 and float32 scalars as Keras writes them.
        assertThat(ours).contains("G /vars", "G /layers/dropout/vars", "D /optimizer/vars/0  int64",
                "D /optimizer/vars/1  float32", "A /optimizer/vars name");
        // The HDF5 library marks the files it writes with a root attribute of its own.
        assertThat(ours.stream().filter(l -> !l.equals("A / _jHDF")).toList()).isEqualTo(theirs);
    }

    @Test
    void nestedBackboneSitsWhereKerasPutsIt() throws Exception {
        Sequential m = KerasNestedModelTest.transfer(false);
        Path keras = dir.resolve("nested.keras");
        m.save(keras);
        List<String> layout = h5py(weightsOf(keras, "nested.weights.h5"));
        assertThat(layout).contains("G /vars", "G /layers/functional/vars", "A /layers/functional/vars name",
                "D /layers/functional/layers/conv2d/vars/0 3x3x1x3 float32",
                "D /layers/functional/layers/batch_normalization/vars/2 3 float32",
                "D /layers/functional/layers/conv2d_1/vars/1 5 float32", "G /layers/functional/layers/add/vars",
                "D /layers/dense/vars/0 5x4 float32", "D /optimizer/vars/0  int64");
        Path h5 = dir.resolve("nested.h5");
        m.save(h5);
        assertThat(h5py(h5)).contains("A /model_weights/backbone weight_names",
                "D /model_weights/backbone/b_conv1/kernel:0 3x3x1x3 float32",
                "D /model_weights/backbone/b_bn/moving_mean:0 3 float32");
    }

    @Test
    void legacyH5HasKeras2sRootAttributesAndWeightPaths() throws Exception {
        Lamina.setSeed(1);
        Path h5 = dir.resolve("m.h5");
        Sequential m = KerasWriteTest.mnistCnn();
        m.save(h5);
        List<String> layout = h5py(h5);
        assertThat(layout).contains("A / backend", "A / keras_version", "A / model_config", "A / training_config",
                "A /model_weights layer_names");
        String conv = m.getLayer(0).name();
        String dense = m.layers().stream().filter(l -> l instanceof dev.lamina.layers.Dense).findFirst().orElseThrow()
                .name();
        assertThat(layout).contains(
                "D /model_weights/" + conv + "/" + conv + "/kernel:0 3x3x1x32 float32",
                "D /model_weights/" + conv + "/" + conv + "/bias:0 32 float32",
                "D /model_weights/" + dense + "/" + dense + "/kernel:0 1600x128 float32",
                "A /model_weights/" + conv + " weight_names");
    }

    private Path weightsOf(Path keras, String name) throws IOException {
        Path weights = dir.resolve(name);
        try (ZipFile z = new ZipFile(keras.toFile()); InputStream in = z.getInputStream(z.getEntry("model.weights.h5"))) {
            Files.copy(in, weights);
        }
        return weights;
    }

    private static List<String> h5py(Path file) throws IOException, InterruptedException {
        Path script = Files.createTempFile("h5layout", ".py");
        try (InputStream in = KerasLayoutWithH5pyTest.class.getResourceAsStream("h5layout.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Process p = new ProcessBuilder(PYTHON, script.toString(), file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}

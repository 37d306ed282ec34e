package dev.lamina.models;

import static dev.lamina.models.Fixtures.assertExactlyEqual;
import static dev.lamina.models.Fixtures.assertSameWeights;
import static dev.lamina.models.Fixtures.toyData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.Weight;
import dev.lamina.optim.Adam;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.RMSprop;
import dev.lamina.optim.SGD;
import dev.lamina.saving.h5.KerasFiles;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optimizer state of Keras 3's {@code .keras} files, read from Keras' files and written as Keras does. */
class KerasOptimizerStateTest {

    @TempDir
    Path dir;

    @Test
    void adamStateOfKerasFilesIsLoaded() throws IOException {
        for (String fixture : new String[] {"keras3.11.3-keras/mnist_cnn.keras", "keras3.1.1-keras/mnist_model.keras"}) {
            Path file = KerasFiles.file(fixture);
            Model m = Model.load(file);
            assertThat(m.isCompiled()).as(fixture).isTrue();
            Optimizer o = m.optimizer();
            assertThat(o).as(fixture).isInstanceOf(Adam.class);
            List<INDArray> trainable = m.weights().stream().filter(Weight::isTrainable).map(Weight::value).toList();
            try (ZipFile z = new ZipFile(file.toFile());
                    HdfFile h5 = HdfFile.fromBytes(z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes())) {
                assertThat(o.iterations()).as(fixture).isEqualTo(((Number) var(h5, 0).getData()).longValue());
                assertThat((float) o.learningRate()).isEqualTo(((Number) var(h5, 1).getData()).floatValue());
                for (int i = 0; i < trainable.size(); i++) {
                    INDArray w = trainable.get(i);
                    assertExactlyEqual(o.slots(w).get("momentums"), array(var(h5, 2 + 2 * i)), fixture + " momentum " + i);
                    assertExactlyEqual(o.slots(w).get("velocities"), array(var(h5, 3 + 2 * i)), fixture + " velocity " + i);
                }
            }
        }
    }

    @Test
    void trainingResumesExactlyFromASavedKerasFile() throws IOException {
        List<Supplier<Optimizer>> optimizers = List.of(() -> new Adam(0.01), () -> new Adam(0.01).amsgrad(true),
                () -> new RMSprop(0.01).momentum(0.5).centered(true), () -> new RMSprop(0.01),
                () -> new SGD(0.05).momentum(0.9).nesterov(true), () -> new SGD(0.05));
        INDArray[] data = toyData(16, 4);
        for (Supplier<Optimizer> opt : optimizers) {
            Lamina.setSeed(7);
            Sequential m = new Sequential(new Conv2D(2, 3).activation("relu").inputShape(8, 8, 1), new Flatten(),
                    new Dense(4).activation("softmax"));
            m.compile(opt.get(), "categorical_crossentropy");
            m.trainOnBatch(data[0], data[1]);
            m.trainOnBatch(data[0], data[1]);
            Path p = dir.resolve("m.keras");
            m.save(p);
            Model loaded = Model.load(p);
            String what = m.optimizer().getConfig().toString();
            assertThat(loaded.optimizer().iterations()).as(what).isEqualTo(2);
            m.trainOnBatch(data[0], data[1]);
            loaded.trainOnBatch(data[0], data[1]);
            assertSameWeights(loaded, m);
        }
    }

    @Test
    void stateThatDoesNotFitTheOptimizerIsSkipped() throws IOException {
        Lamina.setSeed(7);
        INDArray[] data = toyData(8, 4);
        Sequential m = new Sequential(new Flatten().inputShape(8, 8, 1), new Dense(4).activation("softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy");
        m.trainOnBatch(data[0], data[1]);
        Path p = dir.resolve("m.keras");
        m.save(p);
        Path sgd = Fixtures.rewrite(p, dir.resolve("sgd.keras"), false, entries -> {
            String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
            assertThat(config).containsOnlyOnce("\"Adam\"");
            entries.put("config.json", config.replace("\"Adam\"", "\"SGD\"").getBytes(StandardCharsets.UTF_8));
        });
        Model loaded = Model.load(sgd);
        assertThat(loaded.optimizer()).isInstanceOf(SGD.class);
        assertThat(loaded.optimizer().iterations()).isZero();
    }

    private static Dataset var(HdfFile h5, int i) {
        return h5.getDatasetByPath("optimizer/vars/" + i);
    }

    private static INDArray array(Dataset d) {
        int[] dims = d.getDimensions();
        float[] flat = (float[]) d.getDataFlat();
        return Nd4j.create(flat, java.util.Arrays.stream(dims).asLongStream().toArray(), 'c');
    }
}

package dev.lamina.models;

import static dev.lamina.models.Fixtures.assertExactlyEqual;
import static dev.lamina.models.Fixtures.assertSameWeights;
import static dev.lamina.models.Fixtures.quiet;
import static dev.lamina.models.Fixtures.toyData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.optim.Adam;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Sequential holding a functional backbone, as in transfer learning, written and read back in
 * Keras' {@code .keras} and legacy {@code .h5} layouts.
 */
class KerasNestedModelTest {

    @TempDir
    Path dir;

    /** Conv2D, BatchNormalization (trainable and moving weights), a residual Add, then a second Conv2D. */
    private static Model backbone() {
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor c = new Conv2D(3, 3).padding("same").name("b_conv1").apply(in);
        KerasTensor x = new Activation("relu").name("b_relu").apply(new Add().name("b_add").apply(c,
                new BatchNormalization().name("b_bn").apply(c)));
        return new Model(in, new Conv2D(5, 3).name("b_conv2").apply(x)).name("backbone");
    }

    /** The transfer model, trained one epoch so that BatchNormalization's moving statistics moved. */
    static Sequential transfer(boolean frozen) {
        Lamina.setSeed(11);
        Model backbone = backbone();
        backbone.setTrainable(!frozen);
        Sequential m = new Sequential(backbone, new GlobalAveragePooling2D(), new Dense(4).activation("softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        INDArray[] data = toyData(16, 3);
        m.fit(data[0], data[1], quiet(1));
        return m;
    }

    @Test
    void nestedBackboneRoundTripsWithIdenticalPredictionsAndTraining() throws IOException {
        INDArray[] data = toyData(8, 5);
        for (boolean frozen : new boolean[] {false, true}) {
            for (String name : new String[] {"m.keras", "m.h5"}) {
                Sequential m = transfer(frozen);
                Path p = dir.resolve(frozen + name);
                m.save(p);
                Model loaded = Model.load(p);
                String what = name + (frozen ? " frozen" : "");
                Layer backbone = loaded.getLayer("backbone");
                assertThat(backbone).as(what).isInstanceOf(Model.class);
                assertThat(backbone.isTrainable()).as(what).isEqualTo(!frozen);
                assertThat(((Model) backbone).layers()).as(what).allMatch(l -> l.isTrainable() == !frozen);
                assertThat(loaded.summaryString()).as(what).isEqualTo(m.summaryString());
                assertSameWeights(loaded, m);
                assertExactlyEqual(loaded.predict(data[0]), m.predict(data[0]), what + " predictions");
                if (name.endsWith(".keras")) {
                    // The optimizer state came along: one more step keeps both models equal.
                    m.trainOnBatch(data[0], data[1]);
                    loaded.trainOnBatch(data[0], data[1]);
                    assertSameWeights(loaded, m);
                }
            }
        }
    }

    @Test
    void kerasLayoutsNestTheBackbonesWeights() throws IOException {
        Sequential m = transfer(true);
        Path keras = dir.resolve("m.keras");
        m.save(keras);
        try (ZipFile z = new ZipFile(keras.toFile())) {
            Map<String, String> layout = KerasWriteTest.layout(z.getInputStream(z.getEntry("model.weights.h5"))
                    .readAllBytes());
            // Keys are counted per model: the backbone's first Conv2D is "conv2d" again inside "functional".
            assertThat(layout).containsEntry("/layers/functional/vars", "group(name)")
                    .containsEntry("/layers/functional/layers/conv2d/vars/0", "float32[3, 3, 1, 3]")
                    .containsEntry("/layers/functional/layers/conv2d_1/vars/0", "float32[3, 3, 3, 5]")
                    .containsEntry("/layers/functional/layers/batch_normalization/vars/3", "float32[3]")
                    .containsEntry("/layers/dense/vars/0", "float32[5, 4]")
                    .containsEntry("/layers/global_average_pooling2d/vars", "group(name)");
            // Frozen: only the head's kernel and bias have optimizer slots.
            assertThat(layout.keySet().stream().filter(k -> k.startsWith("/optimizer/vars/")).count()).isEqualTo(6);
        }
        Path h5 = dir.resolve("m.h5");
        m.save(h5);
        try (HdfFile f = new HdfFile(h5)) {
            Group weights = (Group) f.getChild("model_weights");
            assertThat((String[]) weights.getAttribute("layer_names").getData()).containsExactly("backbone",
                    m.getLayer(2).name());
            String[] names = (String[]) ((Group) weights.getChild("backbone")).getAttribute("weight_names").getData();
            // Frozen: every weight is non-trainable, so Keras 2 lists them in layer order.
            assertThat(names).containsExactly("b_conv1/kernel:0", "b_conv1/bias:0", "b_bn/gamma:0", "b_bn/beta:0",
                    "b_bn/moving_mean:0", "b_bn/moving_variance:0", "b_conv2/kernel:0", "b_conv2/bias:0");
            assertThat(f.getDatasetByPath("model_weights/backbone/b_bn/moving_variance:0").getDimensions())
                    .containsExactly(3);
        }
        Sequential trainable = transfer(false);
        trainable.save(h5);
        try (HdfFile f = new HdfFile(h5)) {
            String[] names = (String[]) ((Group) ((Group) f.getChild("model_weights")).getChild("backbone"))
                    .getAttribute("weight_names").getData();
            // Trainable: the trainable weights first, then BatchNormalization's moving statistics.
            assertThat(List.of(names).subList(6, 8)).containsExactly("b_bn/moving_mean:0", "b_bn/moving_variance:0");
        }
    }
}

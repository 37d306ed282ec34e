package dev.lamina.models;

import dev.lamina.models.ModelIO;
import static dev.lamina.models.Fixtures.assertSameWeights;
import static dev.lamina.models.Fixtures.quiet;
import static dev.lamina.models.Fixtures.toyData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.Weight;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training 2 epochs equals training 1, saving, loading and training the second: the shuffle order,
 * the dropout masks and the optimizer's state all continue exactly.
 */
class ResumeTest {

    private static final long SEED = 20240611L;

    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential(new Conv2D(3, 3).activation("relu").inputShape(8, 8, 1), new Flatten(),
                new Dropout(0.5), new Dense(4).activation("softmax"));
    }

    private static Optimizer optimizer(String name) {
        return Optimizers.get(name).learningRate(0.01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "rmsprop"})
    void resumingAfterSaveAndLoadIsExact(String optimizerName) throws IOException {
        INDArray[] d = toyData(32, 9);
        INDArray x = d[0];
        INDArray y = d[1];

        Lamina.setSeed(SEED);
        Sequential uninterrupted = model();
        uninterrupted.compile(optimizer(optimizerName), "categorical_crossentropy", "accuracy");
        uninterrupted.fit(x, y, quiet(2));

        Lamina.setSeed(SEED);
        Sequential first = model();
        first.compile(optimizer(optimizerName), "categorical_crossentropy", "accuracy");
        first.fit(x, y, quiet(1));
        Path p = dir.resolve("epoch1.lamina");
        ModelIO.save(first, p);

        Model resumed = ModelIO.load(p);
        resumed.fit(x, y, quiet(2).initialEpoch(1));
        assertSameWeights(resumed, uninterrupted);
        assertThat(resumed.optimizer().iterations()).isEqualTo(uninterrupted.optimizer().iterations());

        // The check has teeth: without the optimizer state, or with other dropout masks, it differs.
        Model freshOptimizer = ModelIO.load(p);
        freshOptimizer.compile(Optimizers.fromConfig(freshOptimizer.optimizer().getConfig()),
                "categorical_crossentropy", "accuracy");
        freshOptimizer.fit(x, y, quiet(2).initialEpoch(1));
        assertThat(differs(freshOptimizer, uninterrupted)).isTrue();

        Model otherMasks = ModelIO.load(p);
        long[] state = otherMasks.getLayer(2).randomState();
        assertThat(state).isNotNull();
        otherMasks.getLayer(2).randomState(new long[] {state[0], state[1] + 1});
        otherMasks.fit(x, y, quiet(2).initialEpoch(1));
        assertThat(differs(otherMasks, uninterrupted)).isTrue();
    }

    private static boolean differs(Model a, Model b) {
        for (int i = 0; i < a.weights().size(); i++) {
            Weight wa = a.weights().get(i);
            Weight wb = b.weights().get(i);
            if (!Arrays.equals(wa.value().dup().reshape(wa.value().length()).toFloatVector(),
                    wb.value().dup().reshape(wb.value().length()).toFloatVector())) {
                return true;
            }
        }
        return false;
    }
}

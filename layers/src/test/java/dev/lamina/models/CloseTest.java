package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.Lamina;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Weight;
import dev.lamina.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link Model#close}: native memory freed at once, shared weights kept while a live model uses them. */
class CloseTest {

    private static final INDArray[] DATA = ToyData.quadrants(16, 3);

    private static Model cnn(String name) {
        Lamina.setSeed(5);
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor x = new Conv2D(2, 3).activation("relu").name(name + "_conv").apply(in);
        KerasTensor out = new Dense(4).activation("softmax").name(name + "_dense").apply(new Flatten().apply(x));
        return new Model(in, out).name(name);
    }

    private static Model trained(Model m) {
        m.compile(new Adam(1e-3), "categorical_crossentropy");
        m.fit(DATA[0], DATA[1], FitOptions.epochs(1).batchSize(8).verbose(0));
        return m;
    }

    private static boolean allClosed(List<Weight> weights) {
        return weights.stream().allMatch(w -> w.value().wasClosed());
    }

    private static boolean noneClosed(List<Weight> weights) {
        return weights.stream().noneMatch(w -> w.value().wasClosed());
    }

    @Test
    void closeFreesWeightsGradientsAndOptimizerSlots() {
        Model m = trained(cnn("m"));
        m.predict(DATA[0], 8);
        List<Weight> weights = m.weights();
        List<INDArray> owned = new ArrayList<>();
        for (Weight w : weights) {
            owned.add(w.variable().grad());
            owned.addAll(m.optimizer().slots(w.value()).values());
        }
        assertThat(owned).doesNotContainNull().isNotEmpty();
        assertThat(noneClosed(weights)).isTrue();

        m.close();

        assertThat(m.isClosed()).isTrue();
        assertThat(allClosed(weights)).isTrue();
        assertThat(owned).allMatch(INDArray::wasClosed);
    }

    @Test
    void aClosedModelFailsNamingItselfAndClosingAgainIsHarmless() {
        Model m = trained(cnn("served"));
        m.close();
        m.close();
        assertThatThrownBy(() -> m.predict(DATA[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"served\"").hasMessageContaining("closed");
        assertThatThrownBy(() -> m.fit(DATA[0], DATA[1], FitOptions.epochs(1).verbose(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"served\"");
        assertThatThrownBy(m::getWeights).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"served\"");
        assertThatThrownBy(() -> m.evaluate(DATA[0], DATA[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSubModelSharingLayersFreesNothingSharedWhileTheOtherLives() {
        Model full = trained(cnn("full"));
        Model features = new Model(full.inputs(), full.getLayer("full_conv").output());
        List<Weight> shared = features.weights();

        features.close();
        assertThat(noneClosed(full.weights())).isTrue();
        INDArray before = full.predict(DATA[0], 8);

        Model again = new Model(full.inputs(), full.getLayer("full_conv").output());
        full.close();
        assertThat(noneClosed(shared)).as("the conv layer is still used by a live sub-model").isTrue();
        assertThat(again.predict(DATA[0], 8).shape()).containsExactly(16, 6, 6, 2);
        assertThat(full.getLayer("full_dense").weights().get(0).value().wasClosed()).isTrue();
        assertThat(before.wasClosed()).as("predictions are the caller's").isFalse();

        again.close();
        assertThat(allClosed(shared)).isTrue();
    }

    @Test
    void aNestedModelIsClosedByItsParent() {
        Model backbone = cnn("backbone");
        KerasTensor in = Input.shape(8, 8, 1);
        Model head = new Model(in, new Dense(4).activation("softmax").apply(backbone.apply(in))).name("head");
        trained(head);

        head.close();

        assertThat(backbone.isClosed()).isTrue();
        assertThat(allClosed(backbone.weights())).isTrue();
        assertThatThrownBy(() -> backbone.predict(DATA[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"backbone\"");
    }
}

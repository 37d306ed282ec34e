package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.lamina.models.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {

    @Test
    void reducesAfterPatienceAndRespectsCooldownAndFloor() {
        Sequential m = Logs.model();
        // As Keras counts it, a cooldown of 2 leaves one epoch after a reduction without a new one.
        ReduceLROnPlateau r = new ReduceLROnPlateau().monitor("val_loss").factor(0.5).patience(1).cooldown(2)
                .minLr(0.03);
        r.setModel(m);
        r.onTrainBegin(new LinkedHashMap<>());
        double[] losses = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        double[] expected = {0.1, 0.05, 0.05, 0.03, 0.03, 0.03};
        for (int e = 0; e < losses.length; e++) {
            Map<String, Double> logs = Logs.of("val_loss", losses[e]);
            r.onEpochEnd(e, logs);
            assertThat(m.optimizer().learningRate()).as("epoch %d", e).isCloseTo(expected[e], offset(1e-12));
            if (e == 1) {
                // The new rate is logged, as Keras adds it to the epoch's logs.
                assertThat(logs).containsEntry("learning_rate", 0.05);
            }
        }
    }

    @Test
    void improvementResetsTheWait() {
        Sequential m = Logs.model();
        ReduceLROnPlateau r = new ReduceLROnPlateau().monitor("loss").factor(0.1).patience(2);
        r.setModel(m);
        r.onTrainBegin(new LinkedHashMap<>());
        double[] losses = {1.0, 1.1, 0.9, 1.0, 1.2};
        for (int e = 0; e < losses.length; e++) {
            r.onEpochEnd(e, Logs.of("loss", losses[e]));
        }
        // Waits: 1.1 (1), 0.9 improves (0), 1.0 (1), 1.2 (2): one reduction, at the last epoch.
        assertThat(m.optimizer().learningRate()).isCloseTo(0.01, offset(1e-12));
    }
}

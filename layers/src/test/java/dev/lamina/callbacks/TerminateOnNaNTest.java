package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.models.Sequential;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {

    @Test
    void stopsOnANonFiniteLossOnly() {
        Sequential m = Logs.model();
        TerminateOnNaN t = new TerminateOnNaN();
        t.setModel(m);
        m.stopTraining(false);
        t.onTrainBatchEnd(0, Logs.of("loss", 0.3));
        assertThat(m.isStopTraining()).isFalse();
        t.onTrainBatchEnd(1, Logs.of("loss", Double.NaN));
        assertThat(m.isStopTraining()).isTrue();
        m.stopTraining(false);
        t.onTrainBatchEnd(2, Logs.of("loss", Double.POSITIVE_INFINITY));
        assertThat(m.isStopTraining()).isTrue();
    }

    @Test
    void stopsAtTheEndOfAnEpochWhenAWeightIsNotFinite() {
        Sequential m = Logs.model();
        TerminateOnNaN t = new TerminateOnNaN();
        t.setModel(m);
        m.stopTraining(false);
        t.onEpochEnd(0, Logs.of("loss", 0.3));
        assertThat(m.isStopTraining()).isFalse();
        // A moving statistic or a weight that no batch's loss has read yet.
        m.weights().get(1).value().putScalar(1, Float.POSITIVE_INFINITY);
        t.onEpochEnd(1, Logs.of("loss", 0.3));
        assertThat(m.isStopTraining()).isTrue();
    }
}

package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.models.Sequential;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        Sequential m = Logs.model();
        EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(2);
        stop.setModel(m);
        m.stopTraining(false);
        Logs.epochs(stop, "val_loss", 1.0, 0.8, 0.9, 0.85, 0.7);
        // Best at epoch 1; epochs 2 and 3 do not improve: stop after epoch 3.
        assertThat(stop.stoppedEpoch()).isEqualTo(3);
        assertThat(m.isStopTraining()).isTrue();
    }

    @Test
    void minDeltaAndModeMax() {
        Sequential m = Logs.model();
        EarlyStopping stop = new EarlyStopping().monitor("val_accuracy", "max").minDelta(0.05).patience(1);
        stop.setModel(m);
        m.stopTraining(false);
        // 0.52 is not 0.05 better than 0.5.
        Logs.epochs(stop, "val_accuracy", 0.5, 0.52, 0.9);
        assertThat(stop.stoppedEpoch()).isEqualTo(1);
    }

    @Test
    void restoresTheBestWeights() {
        Sequential m = Logs.model();
        EarlyStopping stop = new EarlyStopping().monitor("loss").patience(1).restoreBestWeights(true);
        stop.setModel(m);
        m.stopTraining(false);
        stop.onTrainBegin(new LinkedHashMap<>());
        stop.onEpochEnd(0, Logs.of("loss", 1.0));
        INDArray best = m.getWeights().get(0).dup();
        m.getLayer(0).weights().get(0).value().addi(1);
        stop.onEpochEnd(1, Logs.of("loss", 2.0));
        assertThat(m.isStopTraining()).isTrue();
        assertThat(m.getWeights().get(0)).isEqualTo(best);
    }

    @Test
    void aMissingMetricIsIgnored() {
        Sequential m = Logs.model();
        EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(1);
        stop.setModel(m);
        m.stopTraining(false);
        Logs.epochs(stop, "loss", 1, 2, 3, 4);
        assertThat(m.isStopTraining()).isFalse();
    }
}

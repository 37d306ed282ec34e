package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** fit hands each callback its model, then calls the hooks in Keras' order. */
class CallbackTest {

    @Test
    void fitSetsTheModelAndCallsTheHooksInOrder() {
        Sequential m = Logs.model();
        List<String> calls = new ArrayList<>();
        Callback c = new Callback() {
            @Override
            public void onTrainBegin(Map<String, Double> logs) {
                calls.add("train_begin " + (model() == m));
            }

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                calls.add("epoch_begin " + epoch);
            }

            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                calls.add("batch_end " + batch + " " + logs.containsKey("loss"));
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                calls.add("epoch_end " + epoch);
            }

            @Override
            public void onTrainEnd(Map<String, Double> logs) {
                calls.add("train_end");
            }
        };
        assertThatThrownBy(c::model).hasMessageContaining("no model yet");
        m.fit(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 2),
                FitOptions.epochs(2).batchSize(2).verbose(0).callbacks(c));
        assertThat(calls).containsExactly("train_begin true", "epoch_begin 0", "batch_end 0 true", "batch_end 1 true",
                "epoch_end 0", "epoch_begin 1", "batch_end 0 true", "batch_end 1 true", "epoch_end 1", "train_end");
    }
}

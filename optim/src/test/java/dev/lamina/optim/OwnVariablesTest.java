package dev.lamina.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An optimizer writes and reads its own variables: the step counter and every slot. */
class OwnVariablesTest {

    private static INDArray variable(float... v) {
        return Nd4j.createFromArray(v);
    }

    private static void step(Optimizer o, INDArray w, float... grad) {
        o.applyGradients(List.of(Nd4j.createFromArray(grad)), List.of(w));
    }

    @Test
    void aRestoredOptimizerContinuesExactly() {
        INDArray w = variable(1, -2, 3);
        Adam adam = new Adam(0.01);
        step(adam, w, 0.5f, -1f, 2f);
        step(adam, w, 0.1f, 0.2f, -0.3f);
        Map<String, INDArray> store = new LinkedHashMap<>();
        adam.saveOwnVariables(List.of(w), store);
        assertThat(store).containsKeys("iterations", "0/momentums", "0/velocities");
        assertThat(store.get("iterations").getLong(0)).isEqualTo(2);

        INDArray copy = w.dup();
        Adam restored = new Adam(0.01);
        Map<String, INDArray> saved = new LinkedHashMap<>();
        store.forEach((k, v) -> saved.put(k, v.dup()));
        restored.loadOwnVariables(List.of(copy), saved);
        assertThat(restored.iterations()).isEqualTo(2);
        step(adam, w, 0.3f, 0.3f, 0.3f);
        step(restored, copy, 0.3f, 0.3f, 0.3f);
        assertThat(copy.toFloatVector()).containsExactly(w.toFloatVector());
    }

    @Test
    void unknownKeysAndShapesAreNamed() {
        INDArray w = variable(1, 2);
        Adam adam = new Adam();
        assertThatThrownBy(() -> adam.loadOwnVariables(List.of(w), Map.of("3/momentums", Nd4j.zeros(DataType.FLOAT, 2))))
                .hasMessageContaining("\"3/momentums\"");
        assertThatThrownBy(() -> adam.loadOwnVariables(List.of(w), Map.of("0/nope", Nd4j.zeros(DataType.FLOAT, 2))))
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> adam.loadOwnVariables(List.of(w),
                Map.of("0/momentums", Nd4j.zeros(DataType.FLOAT, 3)))).hasMessageContaining("shape");
    }
}

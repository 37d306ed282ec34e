package dev.lamina.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.models.Sequential;
import org.junit.jupiter.api.Test;

class WeightBudgetTest {

    @Test
    void aLayerBeyondTheBudgetFailsBeforeItsWeightsAreAllocated() {
        try (WeightBudget budget = WeightBudget.open(1_000, "the test allows")) {
            // 2^50 values: allocating them first would fail very differently, or not at all.
            assertThatThrownBy(() -> new Sequential(new Dense(1 << 30).name("huge").inputShape(1 << 20)))
                    .hasStackTraceContaining("layer \"huge\" would create weight \"kernel\" of shape [1048576, "
                            + "1073741824], which makes more weight values (1125899906842624) than the test allows (1000)");
            new Sequential(new Dense(10).inputShape(20));
            assertThat(budget.used()).isEqualTo(210);
        }
        // Closed: no cap any more.
        assertThat(new Sequential(new Dense(100).inputShape(20)).countParams()).isEqualTo(2_100);
    }
}

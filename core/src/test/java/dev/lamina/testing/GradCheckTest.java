package dev.lamina.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient check itself must catch a wrong backward rule. */
class GradCheckTest {

    @Test
    void catchesAWrongBackwardRule() {
        INDArray x = GradCheck.uniform(1, -1, 1, 3, 4);
        // y = 2x, but the rule claims dy/dx = 3.
        assertThatThrownBy(() -> GradCheck.check("wrong", t -> Tensor.record("twice", t[0].value().mul(2),
                (dy, needs) -> new INDArray[] {dy.mul(3)}, t[0]), x))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("wrong: gradient of input 0");
    }

    @Test
    void acceptsTheRightRule() {
        INDArray x = GradCheck.uniform(1, -1, 1, 3, 4);
        GradCheck.check("right", t -> Tensor.record("twice", t[0].value().mul(2),
                (dy, needs) -> new INDArray[] {dy.mul(2)}, t[0]), x);
    }
}

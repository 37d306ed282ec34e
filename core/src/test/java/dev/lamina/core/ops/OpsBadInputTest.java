package dev.lamina.core.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Bad arguments fail early with a message naming the op, the input shape and the argument. */
class OpsBadInputTest {

    private static Tensor zeros(long... shape) {
        return Tensor.constant(Nd4j.zeros(DataType.FLOAT, shape));
    }

    @Test
    void conv2dOnRank3Input() {
        assertThatThrownBy(() -> Conv2dOp.apply(zeros(28, 28, 1), zeros(3, 3, 1, 8), null, new int[] {1, 1},
                Padding.VALID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d")
                .hasMessageContaining("rank 4")
                .hasMessageContaining("[28, 28, 1]");
    }

    @Test
    void conv2dKernelChannelsMismatch() {
        assertThatThrownBy(() -> Conv2dOp.apply(zeros(2, 8, 8, 3), zeros(3, 3, 2, 8), zeros(8), new int[] {1, 1},
                Padding.SAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d")
                .hasMessageContaining("[2, 8, 8, 3]")
                .hasMessageContaining("kernel shape [3, 3, 2, 8]")
                .hasMessageContaining("inC");
    }

    @Test
    void conv2dKernelLargerThanValidInput() {
        assertThatThrownBy(() -> Conv2dOp.apply(zeros(1, 2, 2, 1), zeros(3, 3, 1, 1), null, new int[] {1, 1},
                Padding.VALID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d")
                .hasMessageContaining("kernel 3")
                .hasMessageContaining("[1, 2, 2, 1]");
    }

    @Test
    void matmulShapeMismatch() {
        assertThatThrownBy(() -> Ops.matmul(zeros(4, 5), zeros(6, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul")
                .hasMessageContaining("[4, 5]")
                .hasMessageContaining("[6, 3]")
                .hasMessageContaining("k = 5 vs 6");
    }

    @Test
    void poolWindowLargerThanUnpaddedInput() {
        assertThatThrownBy(() -> MaxPool2dOp.apply(zeros(1, 3, 5, 2), new int[] {4, 4}, new int[] {4, 4},
                Padding.VALID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_pooling2d")
                .hasMessageContaining("pool_size 4 along height")
                .hasMessageContaining("[1, 3, 5, 2]");
        assertThatThrownBy(() -> AvgPool2dOp.apply(zeros(1, 5, 3, 2), new int[] {2, 4}, new int[] {2, 2},
                Padding.VALID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("average_pooling2d")
                .hasMessageContaining("pool_size 4 along width");
    }

    @Test
    void sameWindowLargerThanInputIsFine() {
        Tensor y = MaxPool2dOp.apply(zeros(1, 3, 3, 1), new int[] {4, 4}, new int[] {4, 4}, Padding.SAME);
        org.assertj.core.api.Assertions.assertThat(y.shape()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void otherBadArguments() {
        assertThatThrownBy(() -> Padding.of("full")).hasMessageContaining("\"valid\", \"same\"")
                .hasMessageContaining("padding=full");
        assertThatThrownBy(() -> Ops.add(zeros(2, 3), zeros(4, 3))).hasMessageContaining("add")
                .hasMessageContaining("cannot be broadcast");
        assertThatThrownBy(() -> BiasAddOp.apply(zeros(2, 3), zeros(4))).hasMessageContaining("bias_add");
        assertThatThrownBy(() -> DropoutOp.apply(zeros(2, 3), 1.0, 1, true)).hasMessageContaining("rate=1.0");
        assertThatThrownBy(() -> SoftmaxCrossEntropyOp.apply(zeros(2, 3), Nd4j.zeros(2, 4)))
                .hasMessageContaining("[2, 4]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> SparseCategoricalCrossentropyOp.apply(zeros(3, 4), Nd4j.createFromArray(1, 4, 0)))
                .hasMessageContaining("label 4 at index 1");
        assertThatThrownBy(() -> Ops.reshape(zeros(2, 3), 4, 2)).hasMessageContaining("reshape");
    }
}

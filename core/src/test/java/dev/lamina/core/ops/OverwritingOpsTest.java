package dev.lamina.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Relu and add written over an input's array give the values and gradients of their ordinary
 * forms, and refuse an input whose own op still reads it.
 */
class OverwritingOpsTest {

    private final INDArray xv = Nd4j.rand(DataType.FLOAT, 3, 5).subi(0.5);
    private final INDArray bv = Nd4j.rand(DataType.FLOAT, 3, 5).subi(0.5);

    @Test
    void reluOverAnAdditionMatchesTheOrdinaryRelu() {
        Tensor x1 = Tensor.variable(xv.dup());
        Tensor b1 = Tensor.variable(bv.dup());
        Tensor ordinary = ReluOp.apply(AddOp.apply(x1, b1));
        Ops.sum(Ops.multiply(ordinary, ordinary)).backward();

        Tensor x2 = Tensor.variable(xv.dup());
        Tensor b2 = Tensor.variable(bv.dup());
        Tensor sum = AddOp.apply(x2, b2);
        Tensor overwriting = ReluOp.applyOverwriting(sum);
        assertThat(ArrayArena.shareBuffer(overwriting.value(), sum.value())).isTrue();
        assertThat(overwriting.value()).isEqualTo(ordinary.value());
        Ops.sum(Ops.multiply(overwriting, overwriting)).backward();
        assertThat(x2.grad()).isEqualTo(x1.grad());
        assertThat(b2.grad()).isEqualTo(b1.grad());
    }

    @Test
    void addOverABatchNormOutputMatchesTheOrdinaryAdd() {
        Tensor x1 = Tensor.variable(xv.dup());
        Tensor s1 = Tensor.variable(bv.dup());
        Tensor ordinary = AddOp.apply(normalized(x1), s1);
        Ops.sum(Ops.multiply(ordinary, ordinary)).backward();

        Tensor x2 = Tensor.variable(xv.dup());
        Tensor s2 = Tensor.variable(bv.dup());
        Tensor bn = normalized(x2);
        Tensor overwriting = AddOp.applyOverwriting(bn, s2);
        assertThat(ArrayArena.shareBuffer(overwriting.value(), bn.value())).isTrue();
        assertThat(overwriting.value()).isEqualTo(ordinary.value());
        Ops.sum(Ops.multiply(overwriting, overwriting)).backward();
        assertThat(x2.grad()).isEqualTo(x1.grad());
        assertThat(s2.grad()).isEqualTo(s1.grad());
    }

    @Test
    void anInputWhoseOpReadsItIsRefused() {
        Tensor relu = ReluOp.apply(Tensor.variable(xv.dup()));
        assertThatThrownBy(() -> ReluOp.applyOverwriting(relu)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backward rule reads it");
        assertThatThrownBy(() -> AddOp.applyOverwriting(relu, Tensor.constant(bv)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backward rule reads it");
    }

    @Test
    void addInPlaceNeedsOneShape() {
        Tensor sum = AddOp.apply(Tensor.variable(xv.dup()), Tensor.constant(bv));
        assertThatThrownBy(() -> AddOp.applyOverwriting(sum, Tensor.constant(Nd4j.ones(DataType.FLOAT, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 5]").hasMessageContaining("[5]");
    }

    @Test
    void aConstantMayBeOverwritten() {
        Tensor c = Tensor.constant(xv.dup());
        assertThat(c.isResultUnreadByBackward()).isTrue();
        assertThat(ReluOp.applyOverwriting(c).value()).isEqualTo(ReluOp.apply(Tensor.constant(xv)).value());
    }

    private static Tensor normalized(Tensor x) {
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 5);
        INDArray variance = Nd4j.ones(DataType.FLOAT, 5);
        Tensor gamma = Tensor.constant(Nd4j.ones(DataType.FLOAT, 5));
        Tensor beta = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 5));
        return BatchNormOp.train(x, gamma, beta, mean, variance, 0.99, 1e-3).output();
    }
}

package dev.lamina.models;

import dev.lamina.core.ops.Ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Tensor;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A relu layer followed by max pooling runs as pooling then relu inside a model; values and
 * gradients must be exactly those of relu then pooling, ties included.
 */
class PoolBeforeReluTest {

    @Test
    void matchesReluThenPoolingExactly() {
        Nd4j.getRandom().setSeed(3);
        // Small integers make equal conv outputs (ties in a pooling window) and zeros common.
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 7, 7, 2).muli(2).castTo(DataType.INT32).castTo(DataType.FLOAT);
        Conv2D conv = new Conv2D(3, 2);
        conv.activation("relu");
        conv.inputShape(7, 7, 2);
        Sequential model = new Sequential(conv, new MaxPooling2D(2));
        for (var w : conv.weights()) {
            INDArray v = w.variable().value();
            v.assign(Nd4j.randn(DataType.FLOAT, v.shape()).muli(2).castTo(DataType.INT32).castTo(DataType.FLOAT));
        }
        INDArray r = Nd4j.randn(DataType.FLOAT, 4, 3, 3, 3);
        Layer pool = model.layers().get(1);

        Tensor fused = model.run(Tensor.constant(x), true, false);
        assertThat(fused.toString()).as("the model ends with the relu, after pooling").contains("op=relu");
        Ops.sum(Ops.multiply(fused, Tensor.constant(r))).backward();
        List<INDArray> fusedGrads = grads(conv);

        Tensor plain = pool.forward(conv.forward(Tensor.constant(x), true), true);
        assertThat(plain.toString()).doesNotContain("op=relu");
        Ops.sum(Ops.multiply(plain, Tensor.constant(r))).backward();
        List<INDArray> plainGrads = grads(conv);

        assertThat(fused.value()).isEqualTo(plain.value());
        assertThat(fusedGrads).isEqualTo(plainGrads);
        assertThat(plain.value().scan(org.nd4j.linalg.indexing.conditions.Conditions.equals(0)).intValue())
                .as("some pooled outputs are zero").isPositive();
    }

    private static List<INDArray> grads(Conv2D conv) {
        List<INDArray> g = conv.weights().stream().map(w -> w.variable().grad().dup()).toList();
        conv.weights().forEach(w -> w.variable().zeroGrad());
        return g;
    }
}

package dev.lamina.models;

import dev.lamina.layers.KerasTensor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.GradMode;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import org.junit.jupiter.api.Test;

/** Which rewrites a plan applies: only where nothing else reads what they change. */
class ExecutionPlanTest {

    @Test
    void aChainGetsEveryRewrite() {
        Sequential m = new Sequential(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1), new MaxPooling2D(2),
                new BatchNormalization(), new Flatten(), new Dense(3).activation("softmax"));
        assertThat(m.plan(true, true).stepKinds()).containsExactly("PoolBeforeRelu", "LayerStep", "LayerStep",
                "SoftmaxAsLogits");
        try (GradMode.Scope off = GradMode.disabled()) {
            assertThat(m.plan(false, false).stepKinds()).containsExactly("PoolBeforeRelu", "InPlaceBatchNorm",
                    "LayerStep", "LayerStep");
        }
        // With a tape, batch normalization keeps its input: the backward pass reads it.
        assertThat(m.plan(false, false).stepKinds()).containsExactly("PoolBeforeRelu", "LayerStep", "LayerStep",
                "LayerStep");
    }

    @Test
    void noRewriteChangesAValueAnotherBranchReads() {
        KerasTensor in = Input.shape(8, 8, 2);
        KerasTensor relu = new Conv2D(2, 3).padding("same").activation("relu").apply(in);
        KerasTensor pooled = new MaxPooling2D(2).apply(relu);
        // The relu's output is read twice (pooling and the add): pooling cannot run before the relu.
        KerasTensor bn = new BatchNormalization().apply(relu);
        KerasTensor sum = new Add().apply(bn, relu);
        Model m = new Model(in, java.util.List.of(pooled, new Activation("relu").apply(sum)));
        try (GradMode.Scope off = GradMode.disabled()) {
            assertThat(m.plan(false, false).stepKinds()).doesNotContain("PoolBeforeRelu", "InPlaceBatchNorm");
        }
        // Two outputs: no softmax is folded away, whatever the loss.
        assertThat(m.plan(true, true).stepKinds()).doesNotContain("SoftmaxAsLogits");
    }

    @Test
    void aFrozenBatchNormRunsInPlaceInATrainingPassWithoutATape() {
        Sequential m = new Sequential(new Conv2D(3, 3).inputShape(6, 6, 2), new BatchNormalization(),
                new Activation("relu"), new Flatten());
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 6, 6, 2);
        m.predict(x);
        m.setTrainable(false);
        dev.lamina.backend.ArrayArena arena = new dev.lamina.backend.ArrayArena();
        try (GradMode.Scope off = GradMode.disabled()) {
            assertThat(m.plan(true, false).stepKinds()).contains("InPlaceBatchNorm");
            dev.lamina.core.Tensor[] in = {dev.lamina.core.Tensor.constant(x)};
            org.nd4j.linalg.api.ndarray.INDArray inference = m.run(in, false, false)[0].value().dup();
            try (dev.lamina.backend.ArrayArena.Scope s = arena.step()) {
                // Frozen: Keras' training and trainable is false, so the moving statistics are used.
                assertThat(m.run(in, true, false)[0].value()).isEqualTo(inference);
            }
            m.setTrainable(true);
            try (dev.lamina.backend.ArrayArena.Scope s = arena.step()) {
                // Trainable again: batch statistics, and the input is not written over while read.
                org.nd4j.linalg.api.ndarray.INDArray training = m.run(in, true, false)[0].value().dup();
                assertThat(training).isNotEqualTo(inference);
                dev.lamina.core.Tensor byHand = in[0];
                for (dev.lamina.layers.Layer l : m.layers()) {
                    byHand = l.forward(byHand, true);
                }
                assertThat(training).isEqualTo(byHand.value());
            }
        }
    }
}

package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.GradMode;
import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A residual block trained through its plan (relu and add over their inputs' arrays, forward
 * values handed back during the backward pass) gets exactly the gradients of its layers called one
 * by one, and its training step holds less memory.
 */
class InPlaceResidualTest {

    private final Conv2D c1 = new Conv2D(8, 3).padding("same");
    private final BatchNormalization b1 = new BatchNormalization();
    private final Activation r1 = new Activation("relu");
    private final Conv2D c2 = new Conv2D(8, 3).padding("same");
    private final BatchNormalization b2 = new BatchNormalization();
    private final Conv2D shortcut = new Conv2D(8, 1);
    private final BatchNormalization bs = new BatchNormalization();
    private final Add add = new Add();
    private final Activation out = new Activation("relu");
    private final GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
    private final Dense head = new Dense(3);

    private Model block() {
        Lamina.setSeed(7);
        KerasTensor in = Input.shape(12, 12, 4);
        KerasTensor branch = b2.apply(c2.apply(r1.apply(b1.apply(c1.apply(in)))));
        KerasTensor sum = add.apply(bs.apply(shortcut.apply(in)), branch);
        return new Model(in, head.apply(pool.apply(out.apply(sum))));
    }

    /** The same graph, each layer called on its own: no rewrite, nothing overwritten or released early. */
    private Tensor byHand(Tensor x) {
        Tensor branch = b2.forward(c2.forward(r1.forward(b1.forward(c1.forward(x, true), true), true), true), true);
        Tensor sum = add.forward(List.of(bs.forward(shortcut.forward(x, true), true), branch), true);
        return head.forward(pool.forward(out.forward(sum, true), true), true);
    }

    @Test
    void theBlockRunsReluAndAddInPlace() {
        Model m = block();
        assertThat(m.plan(true, false).stepKinds()).contains("InPlaceRelu", "InPlaceAdd");
        try (GradMode.Scope off = GradMode.disabled()) {
            assertThat(m.plan(false, false).stepKinds()).contains("InPlaceRelu", "InPlaceAdd");
        }
    }

    @Test
    void aReluWhoseInputIsReadTwiceKeepsIt() {
        KerasTensor in = Input.shape(6, 6, 2);
        KerasTensor bn = new BatchNormalization().apply(new Conv2D(2, 3).padding("same").apply(in));
        KerasTensor relu = new Activation("relu").apply(bn);
        Model m = new Model(in, new Add().apply(relu, bn));
        assertThat(m.plan(true, false).stepKinds()).doesNotContain("InPlaceRelu");
    }

    @Test
    void gradientsEqualTheLayersCalledOneByOne() {
        Model m = block();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 12, 12, 4).subi(0.5);
        List<INDArray> expected = gradients(() -> loss(byHand(Tensor.constant(x))), m, null);
        List<INDArray> actual = gradients(() -> loss(m.run(new Tensor[] {Tensor.constant(x)}, true, false)[0]), m,
                new ArrayArena());
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("gradient %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void aTrainingStepHoldsLessThanWithoutTheRewrites() {
        Model m = block();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 12, 12, 4);
        ArrayArena plain = new ArrayArena();
        ArrayArena planned = new ArrayArena();
        for (int step = 0; step < 2; step++) {
            gradients(() -> loss(byHand(Tensor.constant(x))), m, plain, false);
            gradients(() -> loss(m.run(new Tensor[] {Tensor.constant(x)}, true, false)[0]), m, planned, true);
        }
        assertThat(planned.heldBytes()).isLessThan(plain.heldBytes() * 3 / 4);
    }

    private static Tensor loss(Tensor y) {
        return Ops.mean(Ops.multiply(y, y));
    }

    private static List<INDArray> gradients(java.util.function.Supplier<Tensor> loss, Model m, ArrayArena arena) {
        return gradients(loss, m, arena, arena != null);
    }

    /** The weights' gradients after one backward pass, in an arena step when one is given. */
    private static List<INDArray> gradients(java.util.function.Supplier<Tensor> loss, Model m, ArrayArena arena,
            boolean releasing) {
        List<INDArray> grads = new ArrayList<>();
        for (Layer l : m.layers()) {
            l.trainableWeights().forEach(w -> w.variable().zeroGrad());
        }
        try (ArrayArena.Scope s = arena == null ? () -> { } : arena.step()) {
            Tensor l = loss.get();
            if (releasing) {
                l.backwardReleasing();
            } else {
                l.backward();
            }
        }
        for (Layer l : m.layers()) {
            for (Weight w : l.trainableWeights()) {
                grads.add(w.variable().grad().dup());
            }
        }
        return grads;
    }
}

package dev.lamina.core;

import dev.lamina.core.ops.Ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.backend.ArrayArena;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The tape: recording, accumulation, release, no-grad scopes. */
class TensorTest {

    private static INDArray arr(double... v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void backwardAccumulatesIntoVariables() {
        Tensor w = Tensor.variable(arr(1, 2, 3));
        Tensor x = Tensor.constant(arr(4, 5, 6));
        Tensor loss = Ops.sum(Ops.multiply(w, x));
        loss.backward();
        assertThat(w.grad().toDoubleVector()).containsExactly(4, 5, 6);
        assertThat(x.grad()).isNull();

        // A second forward/backward adds to the gradient until zeroGrad.
        Ops.sum(Ops.multiply(w, x)).backward();
        assertThat(w.grad().toDoubleVector()).containsExactly(8, 10, 12);
        w.zeroGrad();
        assertThat(w.grad().toDoubleVector()).containsExactly(0, 0, 0);
    }

    @Test
    void fanOutSumsGradients() {
        Tensor w = Tensor.variable(arr(1, 2));
        Tensor y = Ops.sum(Ops.multiply(Ops.add(w, w), w)); // 2w^2 -> 4w
        y.backward();
        assertThat(w.grad().toDoubleVector()).containsExactly(4, 8);
    }

    @Test
    void aFannedOutGradientIsSummedIntoAnArrayOfTheArena() {
        // A fresh array per step for the sum (a residual block's shortcut) left megabytes a step
        // to the garbage collector; the arena recycles it.
        ArrayArena arena = new ArrayArena();
        Tensor w = Tensor.variable(arr(1, 2, 3));
        boolean[] fromArena = new boolean[1];
        try (ArrayArena.Scope s = arena.step()) {
            Tensor spy = Tensor.record("spy", w.value().dup(), (UnaryBackward) g -> {
                // Only an array the arena handed out comes back from it after a release.
                ArrayArena.release(g);
                fromArena[0] = ArrayArena.shareBuffer(ArrayArena.uninitialized(g.dataType(), g.shape()), g);
                return g;
            }, w);
            Ops.sum(Ops.multiply(spy, spy)).backward();
        }
        assertThat(fromArena[0]).isTrue();
        assertThat(w.grad().toDoubleVector()).containsExactly(2, 4, 6);
    }

    @Test
    void aBackwardRuleThatBackpropagatesItselfLeavesTheOuterPassIntact() {
        // The backward bookkeeping is reused per thread; a nested pass must not disturb it.
        Tensor inner = Tensor.variable(arr(3));
        Tensor w = Tensor.variable(arr(1, 2));
        Tensor doubled = Tensor.record("double_with_inner_pass", w.value().mul(2), (dy, needs) -> {
            Ops.sum(Ops.multiply(inner, inner)).backward();
            return new INDArray[] {dy.mul(2)};
        }, w);
        Ops.sum(Ops.multiply(doubled, w)).backward(); // 2w^2 -> 4w, plus the inner pass's 2*inner
        assertThat(w.grad().toDoubleVector()).containsExactly(4, 8);
        assertThat(inner.grad().toDoubleVector()).containsExactly(6);

        // And the next pass on this thread starts clean.
        w.zeroGrad();
        Ops.sum(Ops.multiply(w, w)).backward();
        assertThat(w.grad().toDoubleVector()).containsExactly(2, 4);
    }

    @Test
    void aOneInputRuleGetsTheOutputGradientAndItsResultIsChecked() {
        Tensor w = Tensor.variable(arr(1, 2));
        Tensor tripled = Tensor.record("triple", w.value().mul(3), dy -> dy.mul(3), w);
        assertThat(tripled.isLeaf()).isFalse();
        Ops.sum(Ops.multiply(tripled, w)).backward(); // 3w^2 -> 6w
        assertThat(w.grad().toDoubleVector()).containsExactly(6, 12);

        Tensor c = Tensor.constant(arr(1, 2));
        assertThat(Tensor.record("triple", c.value().mul(3), dy -> dy.mul(3), c).requiresGrad()).isFalse();

        Tensor wrong = Tensor.record("shrink", w.value().mul(1), dy -> arr(1), w);
        assertThatThrownBy(() -> Ops.sum(wrong).backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backward of shrink gave a gradient of shape [1] for input 0 of shape [2]");
    }

    @Test
    void nothingIsRecordedWithoutVariablesOrInNoGradScope() {
        Tensor c = Tensor.constant(arr(1, 2));
        assertThat(Ops.relu(c).requiresGrad()).isFalse();
        Tensor w = Tensor.variable(arr(1, 2));
        try (GradMode.Scope s = GradMode.disabled()) {
            Tensor y = Ops.multiply(w, w);
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.isLeaf()).isTrue();
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(Ops.multiply(w, w).requiresGrad()).isTrue();
    }

    @Test
    void graphIsReleasedAfterBackward() {
        Tensor w = Tensor.variable(arr(1, 2));
        Tensor hidden = Ops.multiply(w, w);
        Tensor loss = Ops.sum(hidden);
        loss.backward();
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already released");
        assertThat(hidden.isLeaf()).isFalse();
    }

    @Test
    void backwardChecksItsArguments() {
        Tensor w = Tensor.variable(arr(1, 2));
        assertThatThrownBy(() -> Ops.multiply(w, w).backward()).hasMessageContaining("scalar");
        assertThatThrownBy(() -> Ops.multiply(w, w).backward(arr(1, 2, 3))).hasMessageContaining("does not match");
        assertThatThrownBy(() -> Tensor.constant(arr(1)).backward()).hasMessageContaining("does not require");
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        Tensor w = Tensor.variable(Nd4j.ones(DataType.DOUBLE, 2));
        Tensor y = w;
        for (int i = 0; i < 20_000; i++) {
            y = Ops.add(y, w);
        }
        Ops.sum(y).backward();
        assertThat(w.grad().toDoubleVector()).containsExactly(20_001, 20_001);
    }

    @Test
    void arenaReusesArraysAcrossSteps() {
        ArrayArena arena = new ArrayArena();
        Tensor w = Tensor.variable(Nd4j.rand(DataType.FLOAT, 3, 4));
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 2, 3));
        INDArray first;
        try (ArrayArena.Scope s = arena.step()) {
            Tensor y = Ops.relu(Ops.matmul(x, w));
            first = y.value();
            Ops.sum(y).backward();
        }
        INDArray firstGrad = w.grad().dup();
        int slots = arena.size();
        w.zeroGrad();
        INDArray second;
        try (ArrayArena.Scope s = arena.step()) {
            Tensor y = Ops.relu(Ops.matmul(x, w));
            second = y.value();
            Ops.sum(y).backward();
        }
        assertThat(second).isSameAs(first);
        assertThat(arena.size()).isEqualTo(slots);
        assertThat(w.grad()).isEqualTo(firstGrad);
        // Outside a step, ops allocate fresh arrays.
        assertThat(Ops.matmul(x, w).value()).isNotSameAs(first);
    }

    @Test
    void arenaKeepsTwoShapesPerPosition() {
        // A full batch and a short last batch (or training and validation) alternate without
        // allocating once each shape has been seen.
        ArrayArena arena = new ArrayArena();
        Tensor w = Tensor.variable(Nd4j.rand(DataType.FLOAT, 3, 4));
        INDArray[] seen = new INDArray[4];
        long[] rows = {5, 2, 5, 2};
        for (int i = 0; i < rows.length; i++) {
            try (ArrayArena.Scope s = arena.step()) {
                seen[i] = Ops.matmul(Tensor.constant(Nd4j.rand(DataType.FLOAT, rows[i], 3)), w).value();
            }
        }
        assertThat(seen[2]).isSameAs(seen[0]);
        assertThat(seen[3]).isSameAs(seen[1]);
        assertThat(seen[1]).isNotSameAs(seen[0]);
    }

    @Test
    void backwardReleasingGivesBackwardsGradientsAndKeepsWhatItIsAsked() {
        INDArray xv = Nd4j.rand(DataType.FLOAT, 4, 6).subi(0.5);
        INDArray wv = Nd4j.rand(DataType.FLOAT, 6, 6).subi(0.5);
        Tensor x1 = Tensor.variable(xv.dup());
        Tensor w1 = Tensor.variable(wv.dup());
        Tensor h1 = Ops.relu(Ops.matmul(x1, w1));
        Ops.sum(Ops.multiply(Ops.matmul(h1, w1), h1)).backward();

        ArrayArena arena = new ArrayArena();
        Tensor x2 = Tensor.variable(xv.dup());
        Tensor w2 = Tensor.variable(wv.dup());
        for (int step = 0; step < 2; step++) {
            x2.zeroGrad();
            w2.zeroGrad();
            try (ArrayArena.Scope s = arena.step()) {
                Tensor h2 = Ops.relu(Ops.matmul(x2, w2));
                INDArray hBefore = h2.value().dup();
                Tensor loss = Ops.sum(Ops.multiply(Ops.matmul(h2, w2), h2));
                double lossBefore = loss.value().getDouble(0);
                loss.backwardReleasing(h2);
                // Asked to keep: the hidden layer and the loss itself; the weights are leaves.
                assertThat(h2.value()).isEqualTo(hBefore);
                assertThat(loss.value().getDouble(0)).isEqualTo(lossBefore);
                assertThat(w2.value()).isEqualTo(wv);
            }
            assertThat(x2.grad()).isEqualTo(x1.grad());
            assertThat(w2.grad()).isEqualTo(w1.grad());
        }
    }
}

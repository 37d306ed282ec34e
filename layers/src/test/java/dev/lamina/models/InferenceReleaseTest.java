package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inference hands dead activations back to the arena as it goes, and runs relu, tanh, sigmoid and
 * batch normalization in place over inputs that die with them; predictions must not change and a
 * step must hold fewer arrays.
 */
class InferenceReleaseTest {

    private static Sequential model() {
        Sequential m = new Sequential();
        m.add(new Conv2D(4, 3).padding("same").activation("relu").inputShape(8, 8, 2));
        m.add(new BatchNormalization());
        m.add(new Conv2D(4, 3).padding("same").activation("tanh"));
        m.add(new MaxPooling2D(2));
        m.add(new Conv2D(4, 3).padding("same").activation("relu"));
        m.add(new BatchNormalization());
        m.add(new Flatten());
        m.add(new Dense(6).activation("sigmoid"));
        m.add(new Dense(5).activation("softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void predictionsEqualAnArenaFreeForwardPassAndTheArenaHoldsFewerArrays() {
        Nd4j.getRandom().setSeed(11);
        Sequential m = model();
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 8, 8, 2);
        INDArray y = Nd4j.createFromArray(new int[20]).addi(1);
        // A few training steps give the batch-norm layer moving statistics of its own.
        m.fit(x, y, FitOptions.epochs(2).batchSize(5).verbose(0));

        INDArray predicted = m.predict(x, 7);
        INDArray expected;
        try (GradMode.Scope off = GradMode.disabled()) {
            INDArray[] parts = new INDArray[3];
            for (int b = 0; b < 3; b++) {
                INDArray batch = x.get(NDArrayIndex.interval(7 * b, Math.min(20, 7 * b + 7))).dup();
                parts[b] = m.run(Tensor.constant(batch), false, false).value().dup();
            }
            expected = Nd4j.concat(0, parts);
        }
        assertThat(predicted).isEqualTo(expected);

        // The same pass inside an arena, with and without the releases (a tape keeps them off).
        ArrayArena releasing = new ArrayArena();
        try (GradMode.Scope off = GradMode.disabled(); ArrayArena.Scope s = releasing.step()) {
            assertThat(m.run(Tensor.constant(x), false, false).value()).isEqualTo(m.predict(x, 20));
        }
        ArrayArena keeping = new ArrayArena();
        try (ArrayArena.Scope s = keeping.step()) {
            m.run(Tensor.constant(x), false, false);
        }
        assertThat(releasing.distinctArrays()).as("arrays held with releases")
                .isLessThan(keeping.distinctArrays());
    }

    @Test
    void reluAndBatchNormalizationRunInPlaceOverTheConvolutionsOutput() {
        Sequential m = new Sequential();
        m.add(new Conv2D(3, 3).activation("relu").inputShape(6, 6, 1));
        m.add(new BatchNormalization());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6, 6, 1);
        ArrayArena arena = new ArrayArena();
        INDArray inPlace;
        try (GradMode.Scope off = GradMode.disabled(); ArrayArena.Scope s = arena.step()) {
            inPlace = m.run(Tensor.constant(x), false, false).value().dup();
        }
        // The convolution's output buffer carries the relu and then the batch normalization: one
        // activation-sized buffer, besides the normalization's four [3] vectors (mean, 1/std,
        // scale, offset).
        long activationBytes = 4L * 4 * 4 * 3 * Float.BYTES;
        assertThat(arena.heldBytes()).isEqualTo(activationBytes + 4 * 3 * Float.BYTES);
        try (GradMode.Scope off = GradMode.disabled()) {
            assertThat(inPlace).isEqualTo(m.run(Tensor.constant(x), false, false).value());
        }
    }
}

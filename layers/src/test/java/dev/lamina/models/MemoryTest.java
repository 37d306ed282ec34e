package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A long training run must not accumulate native memory or leave workspaces open. */
class MemoryTest {

    @Test
    void fiftyStepsLeaveNoWorkspaceOpenAndBoundedOffHeapGrowth() {
        Lamina.setSeed(9);
        INDArray[] d = ModelTest.toyData(64 * 10, 7);
        Sequential m = new Sequential(new Conv2D(8, 3).activation("relu").inputShape(8, 8, 1),
                new BatchNormalization(), new MaxPooling2D(2), new Flatten(), new Dropout(0.2),
                new Dense(4).activation("softmax"));
        m.compile("rmsprop", "categorical_crossentropy", "accuracy");
        FitOptions oneEpoch = FitOptions.epochs(1).batchSize(64).verbose(0);
        m.fit(d[0], d[1], oneEpoch);
        System.gc();
        long before = Pointer.totalBytes();
        for (int epoch = 1; epoch <= 5; epoch++) {
            // 10 steps per epoch: 50 steps in all.
            m.fit(d[0], d[1], FitOptions.epochs(epoch + 1).initialEpoch(epoch).batchSize(64).verbose(0));
        }
        System.gc();
        long growth = Pointer.totalBytes() - before;
        assertThat(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()).isFalse();
        // The model's arrays are a few hundred KB; a leak of one batch's activations per step
        // (~400 KB here) would exceed the bound after 50 steps.
        assertThat(growth).as("off-heap growth over 50 steps, bytes").isLessThan(16L << 20);
    }
}

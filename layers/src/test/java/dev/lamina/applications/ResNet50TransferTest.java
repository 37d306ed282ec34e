package dev.lamina.applications;

import dev.lamina.core.ops.Ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.Weight;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The transfer-learning setup: a frozen ResNet50 backbone under a new head, trained with fit. */
class ResNet50TransferTest {

    private static final ApplicationOptions BACKBONE = ApplicationOptions.defaults().weights((String) null)
            .includeTop(false).inputShape(32, 32, 3);

    private static INDArray oneHot(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1f);
        }
        return y;
    }

    private static Sequential transfer(Model backbone) {
        return new Sequential(backbone, new GlobalAveragePooling2D(), new Dense(12).activation("softmax").name("head"));
    }

    @Test
    void frozenBackboneKeepsWeightsAndStatisticsWhileTheHeadLearns() {
        Lamina.setSeed(21);
        Model backbone = ResNet50.create(BACKBONE);
        backbone.setTrainable(false);
        Sequential model = transfer(backbone);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        String summary = model.summaryString();
        assertThat(summary).contains(String.format(Locale.ROOT, "Total params: %,d", 23_587_712L + 24_588))
                .contains(String.format(Locale.ROOT, "Trainable params: %,d", 24_588))
                .contains(String.format(Locale.ROOT, "Non-trainable params: %,d", 23_587_712L));

        List<INDArray> before = backbone.weights().stream().map(w -> w.value().dup()).toList();
        List<INDArray> headBefore = model.getLayer("head").getWeights();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 32, 32, 3);
        model.fit(x, oneHot(4, 12), FitOptions.epochs(1).batchSize(2).verbose(0));

        List<Weight> after = backbone.weights();
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).value()).as(after.get(i).path()).isEqualTo(before.get(i));
            assertThat(model.optimizer().slots(after.get(i).value())).isEmpty();
        }
        assertThat(model.getLayer("head").getWeights().get(0)).isNotEqualTo(headBefore.get(0));

        Tensor out = model.forward(Tensor.constant(x), true);
        Ops.sum(out).backward();
        assertThat(backbone.weights()).allSatisfy(w -> assertThat(w.variable().grad()).as(w.path()).isNull());
    }

    /**
     * Train-step costs of the frozen and the fully trainable model, steps alternating so both see
     * the same machine load; run with {@code LAMINA_MEASURE=1}. Prints the medians of wall time and
     * of the process' CPU time per step; asserts nothing about speed.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "LAMINA_MEASURE", matches = "1")
    void measureFrozenAgainstTrainableSteps() {
        int size = Integer.parseInt(System.getenv().getOrDefault("LAMINA_MEASURE_SIZE", "64"));
        int batch = Integer.parseInt(System.getenv().getOrDefault("LAMINA_MEASURE_BATCH", "4"));
        int steps = 7;
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, size, size, 3);
        INDArray y = oneHot(batch, 12);
        Sequential[] models = new Sequential[2];
        for (int k = 0; k < 2; k++) {
            Lamina.setSeed(22);
            Model backbone = ResNet50.create(BACKBONE.inputShape(size, size, 3));
            backbone.setTrainable(k == 1);
            models[k] = transfer(backbone);
            models[k].compile(new Adam(0.01), "categorical_crossentropy");
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[][] wall = new long[2][steps];
        long[][] cpu = new long[2][steps];
        for (int i = 0; i < 2 + steps; i++) {
            for (int k = 0; k < 2; k++) {
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                models[k].trainOnBatch(x, y);
                if (i >= 2) {
                    wall[k][i - 2] = System.nanoTime() - t0;
                    cpu[k][i - 2] = os.getProcessCpuTime() - c0;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            java.util.Arrays.sort(wall[k]);
            java.util.Arrays.sort(cpu[k]);
            System.out.printf(Locale.ROOT, "MEASURE resnet50 %dx%d batch %d %s: median train step %.1f ms wall, "
                    + "%.1f ms CPU%n", size, size, batch, k == 0 ? "frozen backbone" : "all trainable",
                    wall[k][steps / 2] / 1e6, cpu[k][steps / 2] / 1e6);
        }
    }
}

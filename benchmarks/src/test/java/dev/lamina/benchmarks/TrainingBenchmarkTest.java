package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The training benchmark on a few MNIST images: what it prints, and what it refuses. */
class TrainingBenchmarkTest {

    private static String data() {
        String d = System.getProperty("lamina.testdata");
        assertThat(d).as("-Dlamina.testdata (set by the parent pom)").isNotNull();
        return d;
    }

    /** Runs the benchmark and returns what it printed. */
    private static String printed(String... args) throws Exception {
        return Printed.by(out -> TrainingBenchmark.run(args));
    }

    @Test
    void printsEachEpochsTestAccuracyWhenAskedAndItsLastLine() throws Exception {
        String printed = printed("--workload", "W3", "--dataset", "mnist", "--data", data(), "--epochs", "2",
                "--limit", "300", "--test-each-epoch", "yes");
        assertThat(printed).contains("epoch 1: test accuracy 0.").contains("epoch 2: test accuracy 0.")
                .containsPattern("bench W3 s_per_epoch=[0-9.]+ infer_per_s=[0-9]+ rss_mb=[0-9]+ test_accuracy=0\\.[0-9]{4}");
    }

    @Test
    void runsTheResidualWorkloadAndPrintsItsLastLine() throws Exception {
        // Two steps of 64 an epoch.
        String printed = printed("--workload", "WR", "--dataset", "mnist", "--data", data(), "--epochs", "2",
                "--limit", "128");
        String[] lines = printed.strip().split("\\R");
        // 30,474 trainable parameters and 128 moving statistics, as the PyTorch peer counts them.
        assertThat(printed).contains("bench WR on mnist: 128 training images, batch 64, 2 epochs, 30602 parameters")
                .containsPattern("epoch 2: [0-9.]+ s, [0-9.]+ ms a step, ");
        assertThat(lines[lines.length - 1])
                .matches("bench WR s_per_epoch=[0-9.]+ infer_per_s=[0-9]+ rss_mb=[0-9]+ test_accuracy=0\\.[0-9]{4}");
    }

    @Test
    void badOptionsNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> TrainingBenchmark.run("--workload", "W3", "--test-each-epoch", "sometimes"))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessageContaining("--test-each-epoch").hasMessageContaining("sometimes");
        assertThatThrownBy(() -> TrainingBenchmark.run("--workload", "W9"))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("W9");
        assertThatThrownBy(() -> TrainingBenchmark.run("--epochs", "0"))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("--epochs");
    }
}

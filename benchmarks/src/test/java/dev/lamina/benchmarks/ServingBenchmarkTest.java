package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServingBenchmarkTest {

    @Test
    void twoThreadsPrintTheResultLineWithBitIdenticalPredictions() throws Exception {
        String printed = Printed.by(out -> ServingBenchmark.main(
                new String[] {"--threads", "2", "--batch", "2", "--seconds", "1", "--warmup", "0"}));
        assertThat(printed)
                .containsPattern("RESULT serve workload W1 threads 2 batch 2 images_per_s [0-9.]+ calls [1-9][0-9]* "
                        + "identical yes");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> ServingBenchmark.main(new String[] {"--threads", "0"}))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("--threads")
                .hasMessageContaining("Received: 0");
        assertThatThrownBy(() -> ServingBenchmark.main(new String[] {"--color", "red"}))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("Unknown option --color");
    }
}

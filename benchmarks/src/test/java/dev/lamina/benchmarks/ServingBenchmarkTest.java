package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServingBenchmarkTest {

    @Test
    void twoThreadsPrintTheResultLineWithBitIdenticalPredictions() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ServingBenchmark.main(new String[] {"--threads", "2", "--batch", "2", "--seconds", "1", "--warmup", "0"});
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
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

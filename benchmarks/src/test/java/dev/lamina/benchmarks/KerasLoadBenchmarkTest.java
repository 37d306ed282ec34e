package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KerasLoadBenchmarkTest {

    @Test
    void oneRoundPrintsTheResultLine() throws Exception {
        String printed = Printed.by(out -> KerasLoadBenchmark.main(new String[] {"--rounds", "1"}));
        assertThat(printed).containsPattern("RESULT keras-load mb 9[0-9]\\.[0-9] read_s "
                + "[0-9.]+ load_s [0-9.]+ ratio [0-9.]+ heap_peak_mb [0-9.]+ heap_ratio [0-9.]+");
    }

    @Test
    void unknownOptionsAreNamed() {
        assertThatThrownBy(() -> KerasLoadBenchmark.main(new String[] {"--size", "3"}))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("--size");
    }
}

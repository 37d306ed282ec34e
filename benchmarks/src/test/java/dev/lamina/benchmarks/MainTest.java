package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private static int run(ByteArrayOutputStream out, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void noNameListsOneLinePerBenchmark() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip().split("\n")).hasSize(Main.benchmarks().size());
        assertThat(Main.benchmarks()).containsKeys("training", "conv-blocks", "augmentation");
    }

    @Test
    void unknownNameOrBadOptionExitsWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, "no-such-benchmark")).isEqualTo(Main.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Unknown benchmark: no-such-benchmark")
                .contains("training");
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        assertThat(run(out2, "training", "--workload", "W9")).isEqualTo(Main.USAGE);
        assertThat(out2.toString(StandardCharsets.UTF_8)).contains("Unknown workload W9");
    }
}

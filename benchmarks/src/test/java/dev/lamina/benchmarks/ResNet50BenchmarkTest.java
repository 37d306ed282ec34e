package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** W4 at a tiny size: its RESULT lines parse as the PyTorch peer's do, and bad options are refused. */
class ResNet50BenchmarkTest {

    /** The peer's figure line: {@code RESULT W4 <figure> size S batch B step_s X min Y images_per_s Z}. */
    private static final Pattern FIGURE = Pattern.compile(
            "RESULT W4 (full|frozen|infer) size (\\d+) batch (\\d+) step_s (\\d+\\.\\d{3}) min (\\d+\\.\\d{3})"
                    + " images_per_s (\\d+\\.\\d)");

    /** Runs the training benchmark's command line and returns what it printed. */
    private static String printed(String... args) throws Exception {
        return Printed.by(out -> TrainingBenchmark.run(args));
    }

    @Test
    void trainingWorkloadW4PrintsThePeersResultLines() throws Exception {
        String printed = printed("--workload", "W4", "--size", "32", "--batch", "2", "--steps", "1", "--warmup", "0",
                "--classes", "3", "--infer-batch", "2");
        List<String> results = printed.lines().filter(l -> l.startsWith("RESULT W4 ")).toList();
        // Keras' counts, which the peer prints too.
        assertThat(results).startsWith("RESULT W4 params with_top 25636712",
                "RESULT W4 params no_top 23587712 non_trainable 53120");
        assertThat(results).hasSize(5);
        String[] figures = {"full", "frozen", "infer"};
        for (int i = 0; i < 3; i++) {
            Matcher m = FIGURE.matcher(results.get(2 + i));
            assertThat(m.matches()).as(results.get(2 + i)).isTrue();
            assertThat(m.group(1)).isEqualTo(figures[i]);
            assertThat(m.group(2)).isEqualTo("32");
            assertThat(m.group(3)).isEqualTo("2");
            double median = Double.parseDouble(m.group(4));
            assertThat(median).isPositive().isGreaterThanOrEqualTo(Double.parseDouble(m.group(5)));
            assertThat(Double.parseDouble(m.group(6))).isCloseTo(2 / median,
                    org.assertj.core.data.Percentage.withPercentage(10));
        }
        assertThat(printed).containsPattern("peak RSS \\d+ MB");
    }

    @Test
    void theLaunchersResnet50CommandRunsOnlyTheNamedFigure() throws Exception {
        int[] status = new int[1];
        String printed = Printed.by(out -> status[0] = Main.run(new String[] {"resnet50", "--size", "32", "--steps",
            "1", "--warmup", "0", "--infer-batch", "1", "--only", "infer"}, out));
        assertThat(status[0]).isZero();
        List<String> figures = printed.lines().filter(l -> FIGURE.matcher(l).matches()).toList();
        assertThat(figures).hasSize(1);
        assertThat(figures.get(0)).startsWith("RESULT W4 infer size 32 batch 1 step_s ");
    }

    @Test
    void badOptionsNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> TrainingBenchmark.run("--workload", "W4", "--only", "sometimes"))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("--only")
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> TrainingBenchmark.run("--workload", "W4", "--size", "16"))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("--size").hasMessageContaining("16");
        assertThatThrownBy(() -> TrainingBenchmark.run("--workload", "W4", "--epochs", "3"))
                .isInstanceOf(BenchmarkUsageException.class).hasMessageContaining("--epochs");
    }

    @Test
    void optionsAfterW4AreThoseLessTheWorkload() {
        assertThat(ResNet50Benchmark.optionsIfW4("--size", "64", "--workload", "W4", "--only", "full"))
                .containsExactly("--size", "64", "--only", "full");
        assertThat(ResNet50Benchmark.optionsIfW4("--workload", "W1", "--epochs", "2")).isNull();
    }
}

package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void memoryYesAddsAMemoryLogToTheFit() {
        RunOptions on = RunOptions.parse("x", "--memory", "yes", "--epochs", "2");
        assertThat(on.memory()).isTrue();
        assertThat(on.callbacks()).hasSize(1).hasOnlyElementsOfType(MemoryLog.class);
        assertThat(on.epochs(50)).isEqualTo(2);
        RunOptions off = RunOptions.parse("x", "--memory", "no");
        assertThat(off.memory()).isFalse();
        assertThat(off.callbacks()).isEmpty();
        assertThat(RunOptions.parse("x").callbacks()).isEmpty();
    }

    @Test
    void memoryTakesOnlyYesOrNo() {
        assertThatThrownBy(() -> RunOptions.parse("x", "--memory", "1")).isInstanceOf(ExampleUsageException.class)
                .hasMessageContaining("yes or no").hasMessageContaining("1");
    }

    @Test
    void theMemoryLineNamesTheMomentAndEachFigure() {
        String line = MemoryLog.line("after epoch 3");
        assertThat(line).startsWith("memory after epoch 3: rss ").contains(" MB (peak ").contains("MB committed")
                .contains("MB used").contains("native ");
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(line).doesNotContain("rss -1");
        }
    }
}

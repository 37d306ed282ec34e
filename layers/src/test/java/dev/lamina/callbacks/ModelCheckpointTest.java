package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryEpochToItsNumberedFolder() throws IOException {
        Sequential m = Logs.model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("ckpt-{epoch}"));
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        c.onEpochEnd(1, Logs.of("val_loss", 2.0));
        assertThat(dir.resolve("ckpt-1")).isDirectory();
        try (Stream<Path> files = Files.list(dir.resolve("ckpt-2"))) {
            // Dense: kernel and bias.
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(2)
                    .allMatch(n -> n.endsWith(".npy"));
        }
    }

    @Test
    void saveBestOnlySkipsEpochsThatDoNotImprove() {
        Sequential m = Logs.model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("best-{epoch}")).monitor("val_loss").saveBestOnly(true);
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        c.onEpochEnd(1, Logs.of("val_loss", 1.5));
        c.onEpochEnd(2, Logs.of("val_loss", 0.5));
        assertThat(dir.resolve("best-1")).isDirectory();
        assertThat(dir.resolve("best-2")).doesNotExist();
        assertThat(dir.resolve("best-3")).isDirectory();
    }

    @Test
    void aCheckpointOverwritesTheOldOneWhole() throws IOException {
        Sequential m = Logs.model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("latest"));
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        Files.writeString(dir.resolve("latest").resolve("stale.txt"), "left from before");
        c.onEpochEnd(1, Logs.of("val_loss", 1.0));
        assertThat(dir.resolve("latest").resolve("stale.txt")).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            // No temporary folder is left beside the checkpoint.
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("latest");
        }
    }
}

package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryEpochToItsNumberedFileWhichLoadsAsTheModel() {
        Sequential m = Logs.model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("ckpt-{epoch}.lamina"));
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        c.onEpochEnd(1, Logs.of("val_loss", 2.0));
        assertThat(dir.resolve("ckpt-1.lamina")).isRegularFile();
        assertThat(Model.load(dir.resolve("ckpt-2.lamina")).getWeights()).isEqualTo(m.getWeights());
    }

    @Test
    void theExtensionPicksKerasFormatAndWeightsOnlySavesWeights() {
        Sequential m = Logs.model();
        ModelCheckpoint full = new ModelCheckpoint(dir.resolve("model.keras"));
        ModelCheckpoint weights = new ModelCheckpoint(dir.resolve("model.weights.h5")).saveWeightsOnly(true);
        for (ModelCheckpoint c : List.of(full, weights)) {
            c.setModel(m);
            c.onTrainBegin(new LinkedHashMap<>());
            c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        }
        assertThat(Model.load(dir.resolve("model.keras")).getWeights()).isEqualTo(m.getWeights());
        Sequential fresh = Logs.model();
        fresh.loadWeights(dir.resolve("model.weights.h5"));
        assertThat(fresh.getWeights()).isEqualTo(m.getWeights());
    }

    @Test
    void saveBestOnlySkipsEpochsThatDoNotImprove() {
        Sequential m = Logs.model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("best-{epoch}.lamina")).monitor("val_loss")
                .saveBestOnly(true);
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        c.onEpochEnd(1, Logs.of("val_loss", 1.5));
        c.onEpochEnd(2, Logs.of("val_loss", 0.5));
        assertThat(dir.resolve("best-1.lamina")).isRegularFile();
        assertThat(dir.resolve("best-2.lamina")).doesNotExist();
        assertThat(dir.resolve("best-3.lamina")).isRegularFile();
    }

    @Test
    void aCheckpointReplacesTheOldOneWholeAndLeavesNoTemporaryFile() throws IOException {
        Sequential m = Logs.model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("latest.lamina"));
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        c.onEpochEnd(0, Logs.of("val_loss", 1.0));
        List<INDArray> changed = m.getWeights();
        changed.get(0).addi(1);
        m.setWeights(changed);
        c.onEpochEnd(1, Logs.of("val_loss", 1.0));
        assertThat(Model.load(dir.resolve("latest.lamina")).getWeights()).isEqualTo(m.getWeights());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("latest.lamina");
        }
    }
}

package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {

    @TempDir
    Path dir;

    private static void run(CSVLogger log, int from, int epochs) {
        log.onTrainBegin(new LinkedHashMap<>());
        for (int e = from; e < from + epochs; e++) {
            log.onEpochEnd(e, Logs.of("val_loss", 1.0 / (e + 1), "loss", 2.0 / (e + 1), "accuracy", 0.5));
        }
        log.onTrainEnd(new LinkedHashMap<>());
    }

    @Test
    void writesAHeaderAndOneSortedRowPerEpoch() throws IOException {
        Path csv = dir.resolve("log.csv");
        run(new CSVLogger(csv), 0, 2);
        assertThat(Files.readAllLines(csv)).containsExactly("epoch,accuracy,loss,val_loss", "0,0.5,2.0,1.0",
                "1,0.5,1.0,0.5");
    }

    @Test
    void appendsWithoutASecondHeaderAndTakesASeparator() throws IOException {
        Path csv = dir.resolve("log.tsv");
        run(new CSVLogger(csv).separator("\t"), 0, 1);
        run(new CSVLogger(csv).separator("\t").append(true), 1, 1);
        assertThat(Files.readAllLines(csv)).containsExactly("epoch\taccuracy\tloss\tval_loss", "0\t0.5\t2.0\t1.0",
                "1\t0.5\t1.0\t0.5");
        run(new CSVLogger(csv), 0, 1);
        assertThat(Files.readAllLines(csv)).hasSize(2);
    }
}

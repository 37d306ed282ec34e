package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamina.core.Lamina;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Long training runs and repeated predictions must not accumulate native memory or leave
 * workspaces open. ND4J's buffers live outside the Java heap and outside JavaCPP's own byte
 * count, so the measure is the process's resident set.
 */
class MemoryTest {

    private static final Path STATUS = Path.of("/proc/self/status");

    @Test
    void repeatedTrainingAndPredictionKeepResidentMemoryFlat() throws Exception {
        assumeTrue(Files.isReadable(STATUS), "needs /proc/self/status (Linux)");
        Lamina.setSeed(9);
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64 * 10, 28, 28, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, 64 * 10).muli(10).castTo(DataType.INT32);
        // The first conv activation is 64x26x26x32 floats, 5.5 MB: a leak of one activation per
        // step or per prediction would add ~220 MB in a round below.
        Sequential m = new Sequential(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1),
                new BatchNormalization(), new MaxPooling2D(2), new Flatten(), new Dropout(0.2),
                new Dense(10).activation("softmax"));
        m.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64));
        // Rounds of 20 shuffled training steps (two fits of 10, each a separate call) and 20
        // predictions. The first two rounds warm up (JIT, oneDNN's primitive cache, the heap's
        // size); the last must add little.
        long[] rss = new long[4];
        for (int round = 0; round < rss.length; round++) {
            for (int f = 0; f < 2; f++) {
                int epoch = 2 * round + f;
                m.fit(x, y, FitOptions.epochs(epoch + 1).initialEpoch(epoch).batchSize(64).verbose(0));
            }
            for (int i = 0; i < 20; i++) {
                m.predict(batch, 64);
            }
            rss[round] = settledRssMb();
        }
        System.out.println("MemoryTest resident set after each round, MB: " + java.util.Arrays.toString(rss));
        assertThat(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()).isFalse();
        assertThat(rss[3] - rss[2]).as("resident set growth over the last 20 steps and 20 predictions, MB (rounds: %s)",
                java.util.Arrays.toString(rss)).isLessThan(32);
    }

    /** The resident set after the garbage collector has found unreachable arrays. */
    private static long settledRssMb() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in " + STATUS);
    }
}

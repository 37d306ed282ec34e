package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.LaminaIOException;
import dev.lamina.saving.h5.KerasFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged copies of real Keras files (truncated, bytes flipped in the header and in the data) either
 * load or end in a {@link LaminaIOException} that names the file: never a JVM error such as
 * {@code OutOfMemoryError}, another exception type, or a load that hangs.
 */
class KerasFileFuzzTest {

    private static final int TRUNCATIONS = 8;
    private static final int FLIPS = 24;
    private static final long SECONDS_PER_LOAD = 30;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"keras2.1.3-h5/cnn_batch_norm.h5", "keras2.3.1-h5/LeakyReLU_0_model.h5",
        "keras3.1.1-h5/mnist_model.h5", "keras3.11.3-keras/mnist_cnn.keras", "keras3.1.1-keras/mnist_model.keras"})
    void damagedCopiesLoadOrFailClearly(String fixture) throws Exception {
        Path original = KerasFiles.file(fixture);
        byte[] bytes = Files.readAllBytes(original);
        String suffix = fixture.substring(fixture.lastIndexOf('.'));
        Random random = new Random(fixture.hashCode());
        List<byte[]> damaged = new ArrayList<>();
        for (int i = 1; i <= TRUNCATIONS; i++) {
            damaged.add(java.util.Arrays.copyOf(bytes, (int) ((long) bytes.length * i / (TRUNCATIONS + 1))));
        }
        for (int i = 0; i < FLIPS; i++) {
            byte[] copy = bytes.clone();
            // Half in the first 4 KB (superblock, object headers, zip local headers), half anywhere.
            int at = i % 2 == 0 ? random.nextInt(Math.min(4096, copy.length)) : random.nextInt(copy.length);
            for (int k = 0; k < 4 && at + k < copy.length; k++) {
                copy[at + k] ^= (byte) (1 + random.nextInt(255));
            }
            damaged.add(copy);
        }
        ExecutorService loader = Executors.newSingleThreadExecutor();
        try {
            int refused = 0;
            for (int i = 0; i < damaged.size(); i++) {
                Path file = dir.resolve("damaged-" + i + suffix);
                Files.write(file, damaged.get(i));
                Future<Throwable> outcome = loader.submit(() -> {
                    try {
                        Model.load(file).close();
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                Throwable t;
                try {
                    t = outcome.get(SECONDS_PER_LOAD, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("loading " + file.getFileName() + " (from " + fixture + ") hangs");
                }
                if (t != null) {
                    assertThat(t).as("%s (from %s)", file.getFileName(), fixture).isInstanceOf(LaminaIOException.class);
                    assertThat(t.getMessage()).as("message of %s", file.getFileName()).contains(file.getFileName().toString());
                    refused++;
                }
            }
            // Every truncation loses data a model needs, so at least those are refused.
            assertThat(refused).isGreaterThanOrEqualTo(TRUNCATIONS);
        } finally {
            loader.shutdownNow();
        }
    }
}

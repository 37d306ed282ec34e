package dev.lamina.saving;

import dev.lamina.models.ModelIO;
import static dev.lamina.models.Fixtures.assertExactlyEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A save that fails half-way leaves the previous file intact and no temporary file behind. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    @AfterEach
    void noHook() {
        ArchiveWriter.testStreamHook = null;
    }

    /** A stream that fails after some bytes, as a full disk or a crash would cut a write. */
    private static final class FailingAfter extends FilterOutputStream {
        private long left;

        FailingAfter(OutputStream out, long bytes) {
            super(out);
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("simulated failure mid-write");
            }
            out.write(b, off, len);
            left -= len;
        }
    }

    @Test
    void anInterruptedSaveLeavesThePreviousFile() throws IOException {
        Sequential before = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(), new Dense(4));
        Sequential after = new Sequential(new Conv2D(8, 3).inputShape(8, 8, 1), new Flatten(), new Dense(64),
                new Dense(4));
        Path p = dir.resolve("model.lamina");
        ModelIO.save(before, p);
        byte[] original = Files.readAllBytes(p);

        for (long cut : List.of(0L, 100L, 5_000L, 40_000L)) {
            ArchiveWriter.testStreamHook = out -> new FailingAfter(out, cut);
            assertThatThrownBy(() -> ModelIO.save(after, p)).isInstanceOf(IOException.class)
                    .hasMessageContaining("simulated failure");
            ArchiveWriter.testStreamHook = null;
            assertThat(Files.readAllBytes(p)).as("after a cut at %d bytes", cut).isEqualTo(original);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("model.lamina");
            }
        }
        Model loaded = ModelIO.load(p);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 8, 8, 1);
        assertExactlyEqual(loaded.predict(x), before.predict(x), "predictions of the previous model");

        // And a save that completes replaces it.
        ModelIO.save(after, p);
        assertThat(ModelIO.load(p).countParams()).isEqualTo(after.countParams());
    }

    @Test
    void theSavedFileHasOrdinaryPermissions() throws IOException {
        // A temporary file from Files.createTempFile would be owner-only, and the rename would keep that.
        Path p = dir.resolve("perm.lamina");
        ModelIO.save(new Sequential(new Dense(2).inputShape(3)), p);
        Path reference = Files.createFile(dir.resolve("reference"));
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(p)).isEqualTo(Files.getPosixFilePermissions(reference));
        }
    }

    @Test
    void aModelSubclassFailsBeforeAnythingIsWritten() {
        Model custom = new Sequential(new Dense(2).inputShape(3)) {
        };
        Path p = dir.resolve("custom.lamina");
        assertThatThrownBy(() -> ModelIO.save(custom, p)).isInstanceOf(IOException.class)
                .hasMessageContaining("subclass").hasMessageContaining("saveWeights");
        assertThat(Files.exists(p)).isFalse();
    }

    @Test
    void aSaveRemovesTheTemporariesThatKilledSavesOfTheSameTargetLeft() throws IOException {
        Path p = dir.resolve("model.lamina");
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
        // Left by a killed save of this target, an hour ago.
        Path stale = Files.write(dir.resolve(".model.lamina.3k9x0a1b2c.tmp"), new byte[100]);
        Files.setLastModifiedTime(stale, hourAgo);
        // Being written by a save still running.
        Path live = Files.write(dir.resolve(".model.lamina.7zz1.tmp"), new byte[100]);
        // Other targets' temporaries and files that only look alike are not this save's to remove.
        List<Path> kept = List.of(dir.resolve(".other.lamina.3k9x0a1b2c.tmp"), dir.resolve("model.lamina.3k9x.tmp"),
                dir.resolve(".model.lamina.notes.txt"), dir.resolve(".model.lamina.UPPER.tmp"));
        for (Path k : kept) {
            Files.write(k, new byte[1]);
            Files.setLastModifiedTime(k, hourAgo);
        }
        ModelIO.save(new Sequential(new Dense(2).inputShape(3)), p);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(kept).allMatch(Files::exists);
        assertThat(p).exists();
    }
}

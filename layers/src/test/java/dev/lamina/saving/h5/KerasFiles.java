package dev.lamina.saving.h5;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared folder of real Keras-written files, beside the reference cases. */
public final class KerasFiles {

    private KerasFiles() {
    }

    /**
     * A file of the shared {@code keras-files} folder; the test is skipped when the folder is absent.
     *
     * @param relative e.g. {@code keras2.1.3-h5/cnn_batch_norm.h5}
     * @return the path
     */
    public static Path file(String relative) {
        String reference = System.getProperty("lamina.reference");
        Path base = reference != null ? Path.of(reference).getParent().resolve("keras-files")
                : Path.of("../../shared/keras-files");
        Path p = base.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "no shared Keras file " + p);
        return p;
    }
}

package dev.lamina.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A missing reference folder fails the run instead of skipping it. */
@ResourceLock("lamina.reference")
class ReferenceCasesTest {

    @Test
    void missingFolderFails(@TempDir Path empty) {
        String saved = System.getProperty(ReferenceCases.PROPERTY);
        try {
            System.setProperty(ReferenceCases.PROPERTY, empty.resolve("nowhere").toString());
            assertThatThrownBy(ReferenceCases::all).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("has no index.json");
            System.clearProperty(ReferenceCases.PROPERTY);
            assertThatThrownBy(ReferenceCases::folder).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("is not set");
        } finally {
            if (saved != null) {
                System.setProperty(ReferenceCases.PROPERTY, saved);
            }
        }
    }

    @Test
    void theSharedFolderListsTheCases() {
        assertThat(ReferenceCases.all()).extracting(ReferenceCase::op).contains("conv2d", "batch_normalization");
    }
}

package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The real Fashion-MNIST from Debian's dataset-fashion-mnist package (installed by CI). */
class FashionMnistTest {

    private static ImageDataset fashion;

    @BeforeAll
    static void load(@TempDir Path home) throws IOException {
        assertThat(FashionMnist.DEBIAN_DIR)
                .as("Debian's dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist)").isDirectory();
        // An empty home and no root: the system package is the only copy the store can find.
        DatasetLocation where = TestFiles.offlineStore(home).locate(FashionMnist.spec());
        assertThat(where.directory()).contains(FashionMnist.DEBIAN_DIR);
        fashion = FashionMnist.load(TestFiles.offlineStore(home));
    }

    @Test
    void shapesAndTypes() {
        assertThat(fashion.trainImages().shape()).containsExactly(60000, 28, 28);
        assertThat(fashion.trainLabels().shape()).containsExactly(60000);
        assertThat(fashion.testImages().shape()).containsExactly(10000, 28, 28);
        assertThat(fashion.testLabels().shape()).containsExactly(10000);
        assertThat(fashion.trainImages().dataType()).isEqualTo(DataType.UINT8);
        assertThat(fashion.testLabels().dataType()).isEqualTo(DataType.UINT8);
        assertThat(fashion.labelNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }

    @Test
    void labelHistograms() {
        assertThat(TestFiles.histogram(fashion.trainLabels(), 10)).containsOnly(6000);
        assertThat(TestFiles.histogram(fashion.testLabels(), 10)).containsOnly(1000);
    }

    @Test
    void pixelSums() {
        assertThat(TestFiles.sum(fashion.trainImages())).isEqualTo(3431114169L);
        assertThat(TestFiles.sum(fashion.testImages())).isEqualTo(573469082L);
    }

    @Test
    void explicitRootOfTheSystemFolder() throws IOException {
        ImageDataset again = FashionMnist.load(DatasetStore.defaults().root(Path.of("/usr/share/datasets"))
                .download(false).progress(false));
        assertThat(TestFiles.sum(again.testImages())).isEqualTo(573469082L);
        assertThat(Files.exists(FashionMnist.DEBIAN_DIR.resolve(IdxDatasets.TEST_LABELS))).isTrue();
    }
}

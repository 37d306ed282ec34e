package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SignMnistTest {

    @TempDir
    Path tmp;

    @Test
    void loadCsvAsInTheApiExample() throws IOException {
        Path csv = Files.writeString(tmp.resolve(SignMnist.TRAIN_FILE),
                CsvImageDatasetTest.signMnistCsv(new int[] {0, 24, 10, 8}));
        CsvImageDataset train = SignMnist.loadCsv(csv);
        INDArray x = train.images().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray y = Utils.toCategorical(train.labels(), SignMnist.NUM_CLASSES);
        assertThat(x.shape()).containsExactly(4, 28, 28, 1);
        assertThat(y.shape()).containsExactly(4, 25);
        assertThat(y.getFloat(1, 24)).isEqualTo(1f);
        assertThat(SignMnist.NUM_CLASSES).isEqualTo(25);
    }

    @Test
    void labelOutsideTwentyFiveSlotsNamesTheLine() throws IOException {
        Path csv = Files.writeString(tmp.resolve("x.csv"), CsvImageDatasetTest.signMnistCsv(new int[] {1, 25}));
        assertThatThrownBy(() -> SignMnist.loadCsv(csv)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("line 3").hasMessageContaining("label 25");
    }

    @Test
    void loadFindsBothFilesUnderTheRoot() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("root").resolve(SignMnist.NAME));
        Files.writeString(dir.resolve(SignMnist.TRAIN_FILE), CsvImageDatasetTest.signMnistCsv(new int[] {3, 4, 5}));
        Files.writeString(dir.resolve(SignMnist.TEST_FILE), CsvImageDatasetTest.signMnistCsv(new int[] {6, 7}));
        ImageDataset d = SignMnist.load(TestFiles.offlineStore(tmp.resolve("home")).root(tmp.resolve("root")));
        assertThat(d.trainImages().shape()).containsExactly(3, 28, 28);
        assertThat(d.trainImages().dataType()).isEqualTo(DataType.UINT8);
        assertThat(d.trainLabels().dataType()).isEqualTo(DataType.UINT8);
        assertThat(d.testLabels().toIntVector()).containsExactly(6, 7);
        assertThat(d.labelNames()).hasSize(25).startsWith("A").endsWith("Y");
        assertThat(d.labelNames().get(9)).isEqualTo("J");
    }

    @Test
    void absentEverywhereSaysWhereToGetAndPutTheFiles() {
        Path home = tmp.resolve("home");
        assertThatThrownBy(() -> SignMnist.load(TestFiles.offlineStore(home).root(tmp.resolve("root"))))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("datamunge/sign-language-mnist")
                .hasMessageContaining(SignMnist.TRAIN_FILE).hasMessageContaining(SignMnist.TEST_FILE)
                .hasMessageContaining(home.resolve(".lamina/datasets/sign-mnist").toString())
                .hasMessageContaining(tmp.resolve("root/sign-mnist") + ": no such folder")
                .hasMessageContaining("classpath:datasets/sign-mnist/");
    }

    @Test
    void wrongNumberOfPixelsForSignMnist() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("root").resolve(SignMnist.NAME));
        Files.writeString(dir.resolve(SignMnist.TRAIN_FILE), "label,p1,p2\n1,2,3\n");
        Files.writeString(dir.resolve(SignMnist.TEST_FILE), "label,p1,p2\n1,2,3\n");
        assertThatThrownBy(() -> SignMnist.load(TestFiles.offlineStore(tmp.resolve("home")).root(tmp.resolve("root"))))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining(SignMnist.TRAIN_FILE)
                .hasMessageContaining("784");
    }

    @Test
    void loadCsvRefusesAFileWithoutExactly784PixelColumns() throws IOException {
        String full = CsvImageDatasetTest.signMnistCsv(new int[] {3, 4});
        // The last pixel column dropped from the header and from every row.
        StringBuilder short783 = new StringBuilder();
        for (String line : full.split("\n")) {
            short783.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        Path csv = Files.writeString(tmp.resolve("short.csv"), short783.toString());
        assertThatThrownBy(() -> SignMnist.loadCsv(csv)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("short.csv").hasMessageContaining("line 1")
                .hasMessageContaining("783 pixel columns").hasMessageContaining("784");
    }
}

package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * CIFAR-10 from the shared test data: a substitute with test_batch.bin and data_batch_1.bin only
 * (labels cycle 0..9), so batches 2..5 are missing and the loader uses the one present.
 */
class Cifar10Test {

    private static Path dir;
    private static ImageDataset cifar;

    @BeforeAll
    static void load() throws IOException {
        Path root = TestFiles.testData();
        dir = root.resolve(Cifar10.NAME);
        cifar = Cifar10.load(DatasetStore.defaults().root(root).download(false).progress(false));
    }

    @Test
    void shapesAndTypesAreKeras() {
        assertThat(cifar.trainImages().shape()).containsExactly(10000, 32, 32, 3);
        assertThat(cifar.trainLabels().shape()).containsExactly(10000, 1);
        assertThat(cifar.testImages().shape()).containsExactly(10000, 32, 32, 3);
        assertThat(cifar.testLabels().shape()).containsExactly(10000, 1);
        assertThat(cifar.trainImages().dataType()).isEqualTo(DataType.UINT8);
        assertThat(cifar.testLabels().dataType()).isEqualTo(DataType.UINT8);
    }

    @Test
    void labelsAndNames() {
        assertThat(TestFiles.histogram(cifar.testLabels(), 10)).containsOnly(1000);
        assertThat(TestFiles.histogram(cifar.trainLabels(), 10)).containsOnly(1000);
        assertThat(cifar.testLabels().getInt(0, 0)).isEqualTo(0);
        assertThat(cifar.testLabels().getInt(13, 0)).isEqualTo(3);
        assertThat(cifar.labelNames()).containsExactly("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                "horse", "ship", "truck");
    }

    @Test
    void pixelsAreChannelsLastFromThePlanarRecord() throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve(Cifar10.TEST_BATCH));
        int record = 3073;
        for (int r : new int[] {0, 1, 4321, 9999}) {
            for (int[] yx : new int[][] {{0, 0}, {5, 7}, {31, 31}, {16, 2}}) {
                int p = yx[0] * 32 + yx[1];
                for (int c = 0; c < 3; c++) {
                    int expected = raw[r * record + 1 + c * 1024 + p] & 0xFF;
                    assertThat(cifar.testImages().getInt(r, yx[0], yx[1], c))
                            .as("record %d pixel %s channel %d", r, Arrays.toString(yx), c).isEqualTo(expected);
                }
            }
        }
        long total = 0;
        for (int r = 0; r < 10000; r++) {
            for (int i = 1; i < record; i++) {
                total += raw[r * record + i] & 0xFF;
            }
        }
        assertThat(TestFiles.sum(cifar.testImages())).isEqualTo(total);
    }

    @Test
    void readBatchReadsOneFile() throws IOException {
        Cifar10.Batch batch = Cifar10.readBatch(dir.resolve("data_batch_1.bin"));
        assertThat(batch.images().shape()).containsExactly(10000, 32, 32, 3);
        assertThat(batch.labels().shape()).containsExactly(10000, 1);
        assertThat(TestFiles.sum(batch.images())).isEqualTo(TestFiles.sum(cifar.trainImages()));
    }

    @Test
    void truncatedBatchNamesTheFile(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("data_batch_1.bin");
        Files.write(bad, Arrays.copyOf(Files.readAllBytes(dir.resolve("test_batch.bin")), 3073 * 3 + 100));
        assertThatThrownBy(() -> Cifar10.readBatch(bad)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("3073");
    }

    @Test
    void labelOutsideTenClassesNamesTheRecord(@TempDir Path tmp) throws IOException {
        byte[] two = new byte[3073 * 2];
        two[3073] = 42;
        Path bad = tmp.resolve("x.bin");
        Files.write(bad, two);
        assertThatThrownBy(() -> Cifar10.readBatch(bad)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("record 1").hasMessageContaining("42");
    }

    @Test
    void noTestBatchIsAnErrorNamingWhatIsMissingAndWhere(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path folder = Files.createDirectories(root.resolve(Cifar10.NAME));
        Files.write(folder.resolve("data_batch_1.bin"), new byte[3073]);
        assertThatThrownBy(() -> Cifar10.load(TestFiles.offlineStore(tmp.resolve("home")).root(root)))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(folder + ": missing test_batch.bin")
                .hasMessageContaining("cifar-10-binary.tar.gz");
    }

    @Test
    void noTrainingBatchIsAnError(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path folder = Files.createDirectories(root.resolve(Cifar10.NAME));
        Files.write(folder.resolve(Cifar10.TEST_BATCH), new byte[3073]);
        assertThatThrownBy(() -> Cifar10.load(TestFiles.offlineStore(tmp.resolve("home")).root(root)))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(folder + ": has none of data_batch_1.bin, data_batch_2.bin");
    }

    @Test
    void smallSetWithoutMetaUsesStandardNames(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path folder = Files.createDirectories(root.resolve(Cifar10.NAME));
        byte[] one = new byte[3073 * 2];
        one[0] = 7;
        one[1] = (byte) 200;           // red at (0,0)
        one[1 + 1024] = 100;           // green at (0,0)
        one[1 + 2048 + 33] = 50;       // blue at (1,1)
        one[3073] = 9;
        Files.write(folder.resolve("data_batch_3.bin"), one);
        Files.write(folder.resolve(Cifar10.TEST_BATCH), one);
        ImageDataset d = Cifar10.load(TestFiles.offlineStore(tmp.resolve("home")).root(root));
        assertThat(d.trainImages().shape()).containsExactly(2, 32, 32, 3);
        assertThat(d.trainLabels().getInt(0, 0)).isEqualTo(7);
        assertThat(d.trainLabels().getInt(1, 0)).isEqualTo(9);
        assertThat(d.trainImages().getInt(0, 0, 0, 0)).isEqualTo(200);
        assertThat(d.trainImages().getInt(0, 0, 0, 1)).isEqualTo(100);
        assertThat(d.trainImages().getInt(0, 1, 1, 2)).isEqualTo(50);
        assertThat(d.labelNames()).isEqualTo(Cifar10.LABEL_NAMES);
    }
}

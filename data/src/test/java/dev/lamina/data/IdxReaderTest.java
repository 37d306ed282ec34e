package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxReaderTest {

    @TempDir
    Path tmp;

    private static Path mnist(String file) {
        return TestFiles.testData().resolve("mnist").resolve(file);
    }

    private static byte[] gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsRealTestLabelsAndImages() throws IOException {
        INDArray labels = IdxReader.readLabels(mnist(IdxDatasets.TEST_LABELS));
        INDArray images = IdxReader.readImages(mnist(IdxDatasets.TEST_IMAGES));
        assertThat(labels.shape()).containsExactly(10000);
        assertThat(labels.dataType()).isEqualTo(DataType.UINT8);
        assertThat(images.shape()).containsExactly(10000, 28, 28);
        assertThat(TestFiles.sum(images)).isEqualTo(264923200L);
        assertThat(labels.getInt(0)).isEqualTo(7);
    }

    @Test
    void plainFileGivesTheSameArrayAsGzip() throws IOException {
        Path plain = tmp.resolve("t10k-images-idx3-ubyte");
        Files.write(plain, gunzip(mnist(IdxDatasets.TEST_IMAGES)));
        INDArray a = IdxReader.readImages(plain);
        INDArray b = IdxReader.read(mnist(IdxDatasets.TEST_IMAGES));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        Path misnamed = tmp.resolve("labels.bin");
        Files.write(misnamed, TestFiles.gzip(TestFiles.idx(new int[] {3}, new byte[] {1, 2, (byte) 255})));
        assertThat(IdxReader.readLabels(misnamed).getInt(2)).isEqualTo(255);
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        byte[] gz = Files.readAllBytes(mnist(IdxDatasets.TEST_IMAGES));
        Path cut = tmp.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(cut)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated gzip");
    }

    @Test
    void corruptGzipNamesTheFile() throws IOException {
        byte[] gz = TestFiles.gzip(TestFiles.idx(new int[] {100}, new byte[100]));
        byte[] badBlock = gz.clone();
        badBlock[10] = 0x07;                      // first deflate block: final, reserved type 11
        Path bad = tmp.resolve("bad.gz");
        Files.write(bad, badBlock);
        assertThatThrownBy(() -> IdxReader.readLabels(bad)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("corrupt gzip");
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 0x55;            // CRC-32 in the trailer
        Path crc = tmp.resolve("crc.gz");
        Files.write(crc, badCrc);
        assertThatThrownBy(() -> IdxReader.readLabels(crc)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(crc.toString()).hasMessageContaining("corrupt gzip");
    }

    @Test
    void wrongMagicNamesFileAndBothNumbers() throws IOException {
        assertThatThrownBy(() -> IdxReader.readImages(mnist(IdxDatasets.TEST_LABELS)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(IdxDatasets.TEST_LABELS)
                .hasMessageContaining("0x00000801").hasMessageContaining("expected 0x00000803");
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "hello world, this is not IDX");
        assertThatThrownBy(() -> IdxReader.read(text)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("wrong magic number");
    }

    @Test
    void tooShortAndTooLongFiles() throws IOException {
        Path shortFile = tmp.resolve("short");
        Files.write(shortFile, Arrays.copyOf(TestFiles.idx(new int[] {2, 28, 28}, new byte[2 * 784]), 16 + 784 + 5));
        assertThatThrownBy(() -> IdxReader.readImages(shortFile)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(shortFile.toString()).hasMessageContaining("too short")
                .hasMessageContaining("1568");
        Path header = tmp.resolve("header-only");
        Files.write(header, new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(header)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("too short").hasMessageContaining("header");
        Path longFile = tmp.resolve("long");
        Files.write(longFile, TestFiles.idx(new int[] {2}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.readLabels(longFile)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(longFile.toString()).hasMessageContaining("longer than");
    }

    @Test
    void missingOrUnreadableFileNamesIt() throws IOException {
        Path none = tmp.resolve("nothing-here.gz");
        assertThatThrownBy(() -> IdxReader.readLabels(none)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining(none.toString()).hasMessageContaining("no such file");
        Path folder = Files.createDirectory(tmp.resolve("a-folder"));
        assertThatThrownBy(() -> IdxReader.readLabels(folder)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining(folder.toString()).hasMessageContaining("directory");
    }

    @Test
    void generalReaderKeepsTheFileRank() throws IOException {
        Path f = tmp.resolve("r2");
        Files.write(f, TestFiles.idx(new int[] {2, 3}, new byte[] {0, 1, 2, 3, 4, 5}));
        INDArray a = IdxReader.read(f);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.getInt(1, 2)).isEqualTo(5);
        assertThatThrownBy(() -> IdxReader.readLabels(f)).hasMessageContaining("0x00000802");
    }

    @Test
    void aHeaderDeclaringMoreThanTheFileHoldsAllocatesNothing() throws IOException {
        // 2 GB of pixels declared, 10 bytes present.
        Path f = tmp.resolve("huge-idx3-ubyte");
        Files.write(f, TestFiles.idx(new int[] {1, 46340, 46340}, new byte[10]));
        long before = org.bytedeco.javacpp.Pointer.physicalBytes();
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("huge-idx3-ubyte").hasMessageContaining("file ends after 10");
        assertThat(org.bytedeco.javacpp.Pointer.physicalBytes() - before).isLessThan(256L << 20);
    }
}

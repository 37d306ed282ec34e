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

class CsvImageDatasetTest {

    @TempDir
    Path tmp;

    /** A CSV in Sign-MNIST's exact format: header label,pixel1..pixel784, one row per image. */
    static String signMnistCsv(int[] labels) {
        StringBuilder s = new StringBuilder("label");
        for (int i = 1; i <= 784; i++) {
            s.append(",pixel").append(i);
        }
        s.append('\n');
        for (int r = 0; r < labels.length; r++) {
            s.append(labels[r]);
            for (int i = 0; i < 784; i++) {
                s.append(',').append((r * 31 + i) % 256);
            }
            s.append('\n');
        }
        return s.toString();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void readsImagesAndLabels() throws IOException {
        Path csv = write("train.csv", signMnistCsv(new int[] {3, 24, 0}));
        CsvImageDataset d = CsvImageDataset.load(csv);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.numPixels()).isEqualTo(784);
        assertThat(d.images().shape()).containsExactly(3, 784);
        assertThat(d.images().dataType()).isEqualTo(DataType.UINT8);
        assertThat(d.labels().shape()).containsExactly(3);
        assertThat(d.labels().dataType()).isEqualTo(DataType.INT32);
        assertThat(d.labels().toIntVector()).containsExactly(3, 24, 0);
        assertThat(d.images().getInt(1, 0)).isEqualTo(31);
        assertThat(d.images().getInt(2, 783)).isEqualTo((62 + 783) % 256);
        assertThat(d.pixelColumns()).hasSize(784).startsWith("pixel1").endsWith("pixel784");
        INDArray x = d.images(28, 28, 1);
        assertThat(x.shape()).containsExactly(3, 28, 28, 1);
        assertThat(x.getInt(1, 0, 1, 0)).isEqualTo(32);
        assertThatThrownBy(() -> d.images(27, 28)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("784");
    }

    @Test
    void labelColumnAnywhereOtherDelimiterQuotesAndBlankLines() throws IOException {
        Path csv = write("x.csv", "\uFEFFa;b;\"class\";c\n1;2;7;3\n\n 4 ; 5 ;\"8\"; 6.0 \n");
        CsvImageDataset d = CsvImageDataset.load(csv, new CsvOptions().labelColumn("class").delimiter(';'));
        assertThat(d.labels().toIntVector()).containsExactly(7, 8);
        assertThat(d.pixelColumns()).containsExactly("a", "b", "c");
        assertThat(d.images().getInt(1, 0)).isEqualTo(4);
        assertThat(d.images().getInt(1, 2)).isEqualTo(6);
    }

    @Test
    void missingLabelColumnNamesTheColumnAndTheHeader() throws IOException {
        Path csv = write("nolabel.csv", "target,pixel1,pixel2\n1,2,3\n");
        assertThatThrownBy(() -> CsvImageDataset.load(csv)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(csv.toString()).hasMessageContaining("'label'")
                .hasMessageContaining("[target, pixel1, pixel2]");
        Path wide = write("wide.csv", signMnistCsv(new int[] {1}).replaceFirst("label", "lbl"));
        assertThatThrownBy(() -> CsvImageDataset.load(wide)).hasMessageContaining("'label'")
                .hasMessageContaining("lbl, pixel1").hasMessageContaining("785 columns");
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path csv = write("bad.csv", "label,p1,p2\n1,2,3\n4,5,6\n7,x8,9\n");
        assertThatThrownBy(() -> CsvImageDataset.load(csv)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(csv + ", line 4").hasMessageContaining("'p1'").hasMessageContaining("x8")
                .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isEqualTo(4));
        Path empty = write("empty.csv", "label,p1,p2\n1,,3\n");
        assertThatThrownBy(() -> CsvImageDataset.load(empty)).hasMessageContaining("line 2")
                .hasMessageContaining("empty");
        Path frac = write("frac.csv", "label,p1,p2\n1.5,2,3\n");
        assertThatThrownBy(() -> CsvImageDataset.load(frac)).hasMessageContaining("line 2")
                .hasMessageContaining("'label'");
    }

    @Test
    void wrongRowLengthNamesTheLine() throws IOException {
        Path shortRow = write("short.csv", "label,p1,p2\n1,2,3\n\n4,5\n");
        assertThatThrownBy(() -> CsvImageDataset.load(shortRow)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(shortRow + ", line 4").hasMessageContaining("2 fields, the header has 3");
        Path longRow = write("long.csv", "label,p1,p2\n1,2,3,4\n");
        assertThatThrownBy(() -> CsvImageDataset.load(longRow)).hasMessageContaining("line 2")
                .hasMessageContaining("more than the header's 3 fields");
    }

    @Test
    void pixelOutsideByteRangeAndLabelOutsideRange() throws IOException {
        Path big = write("big.csv", "label,p1,p2\n1,2,3\n1,256,3\n");
        assertThatThrownBy(() -> CsvImageDataset.load(big)).hasMessageContaining("line 3")
                .hasMessageContaining("256").hasMessageContaining("0..255");
        Path neg = write("neg.csv", "label,p1,p2\n1,-1,3\n");
        assertThatThrownBy(() -> CsvImageDataset.load(neg)).hasMessageContaining("line 2")
                .hasMessageContaining("-1");
        Path label = write("label.csv", "label,p1\n3,0\n30,0\n");
        assertThatThrownBy(() -> CsvImageDataset.load(label, new CsvOptions().labelRange(0, 24)))
                .hasMessageContaining("line 3").hasMessageContaining("label 30 is outside 0..24");
    }

    @Test
    void headerOnlyOrEmptyFile() throws IOException {
        assertThatThrownBy(() -> CsvImageDataset.load(write("h.csv", "label,p1\n")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> CsvImageDataset.load(write("e.csv", "")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> CsvImageDataset.load(write("only.csv", "label\n1\n")))
                .hasMessageContaining("no pixel columns");
    }

    @Test
    void optionsValidateEagerly() {
        assertThatThrownBy(() -> new CsvOptions().labelColumn("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsvOptions().delimiter('"')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsvOptions().labelRange(3, 1)).hasMessageContaining("min=3, max=1");
    }
}

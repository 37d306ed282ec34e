package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.LaminaIOException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageUtilsTest {

    @TempDir
    Path dir;

    /** A 4x2 RGB PNG whose pixel (y, x) is (10 y + x, 100 + x, 200 - y). */
    private Path png() throws IOException {
        BufferedImage img = new BufferedImage(2, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 2; x++) {
                img.setRGB(x, y, ((10 * y + x) << 16) | ((100 + x) << 8) | (200 - y));
            }
        }
        Path p = dir.resolve("small.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void loadsAsKerasImgToArray() throws IOException {
        INDArray x = ImageUtils.load(png());
        assertThat(x.shape()).containsExactly(4, 2, 3);
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x.getFloat(3, 1, 0)).isEqualTo(31f);
        assertThat(x.getFloat(3, 1, 1)).isEqualTo(101f);
        assertThat(x.getFloat(3, 1, 2)).isEqualTo(197f);
        INDArray grey = ImageUtils.load(png(), "grayscale");
        assertThat(grey.shape()).containsExactly(4, 2, 1);
        // Pillow's ITU-R 601-2 luma: (19595 R + 38470 G + 7471 B + 32768) >> 16.
        assertThat(grey.getFloat(3, 1, 0)).isEqualTo((float) ((19595 * 31 + 38470 * 101 + 7471 * 197 + 32768) >> 16));
        assertThat(ImageUtils.load(png(), "rgba").shape()).containsExactly(4, 2, 4);
    }

    @Test
    void resizesWithNearestNeighbours() throws IOException {
        INDArray x = ImageUtils.load(png(), "rgb", 2, 1);
        assertThat(x.shape()).containsExactly(2, 1, 3);
        // Nearest: output row r samples source row floor((r + 0.5) * 4 / 2) = 1 and 3; column 1 of 2 -> 1.
        assertThat(x.getFloat(0, 0, 0)).isEqualTo(11f);
        assertThat(x.getFloat(1, 0, 0)).isEqualTo(31f);
    }

    @Test
    void savesScaledToTheFullRangeAndReadsBack() {
        INDArray img = Nd4j.createFromArray(new float[] {-1, 0, 1, 3}).reshape(2, 2, 1);
        Path p = dir.resolve("out.png");
        ImageUtils.save(p, img);
        INDArray back = ImageUtils.load(p, "grayscale");
        assertThat(back.reshape(4).toFloatVector()).containsExactly(0f, 64f, 128f, 255f);
        Path rgb = dir.resolve("rgb.bmp");
        ImageUtils.save(rgb, Nd4j.rand(DataType.FLOAT, 3, 5, 3));
        assertThat(ImageUtils.load(rgb).shape()).containsExactly(3, 5, 3);
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> ImageUtils.load(missing)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("missing.png");
        Path notImage = dir.resolve("text.png");
        java.nio.file.Files.writeString(notImage, "not an image");
        assertThatThrownBy(() -> ImageUtils.load(notImage)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("text.png");
        assertThatThrownBy(() -> ImageUtils.load(png(), "cmyk")).hasMessageContaining("color_mode=cmyk");
        assertThatThrownBy(() -> ImageUtils.save(dir.resolve("x.png"), Nd4j.zeros(DataType.FLOAT, 2, 2, 2)))
                .hasMessageContaining("[2, 2, 2]");
        assertThatThrownBy(() -> ImageUtils.save(dir.resolve("x.gifx"), Nd4j.zeros(DataType.FLOAT, 2, 2)))
                .hasMessageContaining("x.gifx");
    }
}

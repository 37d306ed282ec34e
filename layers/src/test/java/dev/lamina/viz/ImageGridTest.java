package dev.lamina.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Layer;
import dev.lamina.models.Sequential;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Filter and feature-map grids, checked pixel by pixel against the layout rules of {@link ImageGrid}. */
class ImageGridTest {

    private static final int MARGIN = 8;
    private static final int GAP = 3;
    private static final int STRIP_GAP = 8;

    @TempDir
    Path dir;

    /*
     * Conv2D(4, 3) on one channel: 4 kernels 3x3, a 2x2 grid (round(sqrt(4)) columns), each cell
     * 48/3 = 16 px, tiles 48 px, GAP between: 8 + 48 + 3 + 48 + 8 = 115 px a side. Filter f holds
     * f*100 + (i*3 + j) at (i, j), so each tile, stretched on its own, runs from black at (0, 0) to
     * white at (2, 2): grey round((i*3 + j) / 8 * 255).
     */
    @Test
    void filtersAreStretchedPerSliceAndScaledWithoutSmoothing() throws IOException {
        Conv2D conv = new Conv2D(4, 3);
        new Sequential(conv.inputShape(5, 5, 1));
        INDArray kernel = Nd4j.create(DataType.FLOAT, 3, 3, 1, 4);
        for (int f = 0; f < 4; f++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    kernel.putScalar(new long[] {i, j, 0, f}, f * 100 + i * 3 + j);
                }
            }
        }
        conv.setWeights(List.of(kernel, Nd4j.zeros(DataType.FLOAT, 4)));
        Path png = dir.resolve("filters.png");
        Plots.filters(conv, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(115);
        assertThat(img.getHeight()).isEqualTo(115);
        for (int f = 0; f < 4; f++) {
            int x0 = MARGIN + (f % 2) * (48 + GAP);
            int y0 = MARGIN + (f / 2) * (48 + GAP);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    int expected = (int) Math.round((i * 3 + j) / 8.0 * 255);
                    // Every pixel of a 16x16 cell has the cell's grey: nearest-neighbour scaling.
                    assertThat(grey(img, x0 + j * 16, y0 + i * 16)).isEqualTo(expected);
                    assertThat(grey(img, x0 + j * 16 + 15, y0 + i * 16 + 15)).isEqualTo(expected);
                }
            }
        }
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
    }

    /*
     * Conv2D(3, 2) on two channels: a strip of 2 tiles per filter, round(sqrt(3/2)) = 1 strip per
     * row, so 3 rows; cells 48/2 = 24 px. Width 8 + 48 + 3 + 48 + 8 = 115; height 8 + 3*48 + 2*8 + 8 = 176.
     */
    @Test
    void multiChannelFiltersFormOneStripPerFilter() throws IOException {
        Conv2D conv = new Conv2D(3, 2);
        new Sequential(conv.inputShape(4, 4, 2));
        Path png = dir.resolve("filters2.png");
        Plots.filters(conv, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(115);
        assertThat(img.getHeight()).isEqualTo(MARGIN * 2 + 3 * 48 + 2 * STRIP_GAP);
        assertThat(PlotsTest.distinctColours(img)).isGreaterThan(5);
    }

    /*
     * Activations (2, 4, 6, 3): 3 maps in a 2x2 grid (ceil(sqrt(3)) columns); cells 96/6 = 16 px,
     * tiles 96 x 64; 8 + 96 + 3 + 96 + 8 = 211 wide, 8 + 64 + 3 + 64 + 8 = 147 high. Sample 0's map
     * c holds c*10 + (i*6 + j): stretched, grey round((i*6 + j) / 23 * 255). Sample 1 is noise and
     * must not show.
     */
    @Test
    void featureMapsShowTheFirstSampleEachMapStretched() throws IOException {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 4, 6, 3).muli(1000);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 6; j++) {
                    a.putScalar(new long[] {0, i, j, c}, c * 10 + i * 6 + j);
                }
            }
        }
        Path png = dir.resolve("maps.png");
        Plots.featureMaps(a, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(211);
        assertThat(img.getHeight()).isEqualTo(147);
        for (int c = 0; c < 3; c++) {
            int x0 = MARGIN + (c % 2) * (96 + GAP);
            int y0 = MARGIN + (c / 2) * (64 + GAP);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 6; j++) {
                    assertThat(grey(img, x0 + j * 16 + 8, y0 + i * 16 + 8))
                            .isEqualTo((int) Math.round((i * 6 + j) / 23.0 * 255));
                }
            }
        }
        // The fourth slot stays empty (white).
        assertThat(img.getRGB(MARGIN + 96 + GAP + 48, MARGIN + 64 + GAP + 32) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void aSingleSampleWithoutBatchAxisAndConstantMapsWork() throws IOException {
        Path png = dir.resolve("single.png");
        Plots.featureMaps(Nd4j.zeros(DataType.DOUBLE, 5, 5, 4), png);
        BufferedImage img = ImageIO.read(png.toFile());
        // A constant (dead) map is black, as matplotlib draws it.
        assertThat(grey(img, MARGIN + 1, MARGIN + 1)).isZero();
    }

    @Test
    void refusesLayersWithoutKernelsAndOtherRanks() {
        Layer dense = new Dense(3).inputShape(4);
        new Sequential(dense);
        assertThatThrownBy(() -> Plots.filters(dense, dir.resolve("f.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(Dense)");
        assertThatThrownBy(() -> Plots.filters(new Conv2D(2, 3), dir.resolve("f.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no weights");
        assertThatThrownBy(() -> Plots.featureMaps(Nd4j.zeros(2, 10), dir.resolve("m.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, H, W, C)");
        assertThatThrownBy(() -> Plots.featureMaps(Nd4j.zeros(1, 4, 4, 2), dir.resolve("m.jpg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png");
    }

    /** The grey level of a pixel, checking that it is grey (r = g = b). */
    static int grey(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        assertThat((rgb >> 8) & 0xff).isEqualTo(r);
        assertThat(rgb & 0xff).isEqualTo(r);
        return r;
    }
}

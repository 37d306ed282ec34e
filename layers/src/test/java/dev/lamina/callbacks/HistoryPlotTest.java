package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.viz.PlotsTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryPlotTest {

    private static final int TRAIN_BLUE = 0x1f77b4;
    private static final int VAL_ORANGE = 0xff7f0e;

    @TempDir
    Path dir;

    static History history(String[] names, double[][] values) {
        History h = new History();
        for (int e = 0; e < values[0].length; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int k = 0; k < names.length; k++) {
                logs.put(names[k], values[k][e]);
            }
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    @Test
    void lossAndAccuracySideBySideWithTrainingAndValidation() throws IOException {
        History h = history(new String[] {"loss", "accuracy", "val_loss", "val_accuracy"}, new double[][] {
            {1.2, 0.6, 0.4, 0.3, 0.25}, {0.6, 0.8, 0.87, 0.9, 0.93}, {0.9, 0.7, 0.55, 0.5, 0.52},
            {0.7, 0.75, 0.82, 0.84, 0.83}});
        Path png = dir.resolve("history.png");
        h.plot(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(img.getHeight()).isEqualTo(480);
        assertThat(PlotsTest.distinctColours(img)).isGreaterThan(20);
        // Both charts hold both curves.
        for (int half = 0; half < 2; half++) {
            assertThat(colourIn(img, TRAIN_BLUE, half * 640, (half + 1) * 640)).as("training curve in chart %d", half)
                    .isGreaterThan(100);
            assertThat(colourIn(img, VAL_ORANGE, half * 640, (half + 1) * 640)).as("validation curve in chart %d", half)
                    .isGreaterThan(100);
        }
        // Titles, tick labels and axis titles.
        assertThat(PlotsTest.darkPixels(img, 0, 0, 1280, 40)).isGreaterThan(200);
        assertThat(PlotsTest.darkPixels(img, 0, 430, 1280, 480)).isGreaterThan(200);
    }

    @Test
    void lossOnlyIsOneChartAndNonFiniteValuesDoNotBreakIt() throws IOException {
        History h = history(new String[] {"loss"}, new double[][] {{0.9, Double.POSITIVE_INFINITY, Double.NaN, 0.4}});
        Path png = dir.resolve("loss.png");
        h.plot(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(480);
        assertThat(colourIn(img, TRAIN_BLUE, 0, 640)).isGreaterThan(20);
        assertThat(colourIn(img, VAL_ORANGE, 0, 640)).isZero();
    }

    @Test
    void oneEpochAndExtraMetricsWork() throws IOException {
        History h = history(new String[] {"loss", "accuracy", "mse", "val_loss"},
                new double[][] {{0.5}, {0.8}, {0.1}, {0.6}});
        Path png = dir.resolve("one.png");
        h.plot(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(3 * 640);
    }

    @Test
    void emptyHistoryAndOtherFormatsAreRefused() {
        assertThatThrownBy(() -> new History().plot(dir.resolve("h.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no epoch");
        History h = history(new String[] {"loss"}, new double[][] {{1.0}});
        assertThatThrownBy(() -> h.plot(dir.resolve("h.svg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png");
    }

    static int colourIn(BufferedImage img, int colour, int x0, int x1) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if ((img.getRGB(x, y) & 0xffffff) == colour) {
                    n++;
                }
            }
        }
        return n;
    }
}

package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lamina.core.BatchSource.Batch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ImageDataGenerator#flowFromDirectory} on a temporary folder of small images in every supported format. */
class DirectoryIteratorTest {

    private static final int H = 6;
    private static final int W = 8;

    @TempDir
    Path root;

    /** cat: png, jpg, bmp; dog: gif, tif, ppm; emu: pgm, png and a png in a sub-folder. Solid colours. */
    @BeforeEach
    void writeImages() throws IOException {
        write("cat/a.png", 10, 20, 30);
        write("cat/b.jpg", 40, 50, 60);
        write("cat/c.bmp", 70, 80, 90);
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");
        write("dog/d.gif", 100, 110, 120);
        write("dog/e.tif", 130, 140, 150);
        writePnm(root.resolve("dog/f.ppm"), "P6", 255, 160, 170, 180);
        writePnm(root.resolve("emu/g.pgm"), "P5", 255, 190);
        write("emu/h.png", 200, 210, 220);
        write("emu/sub/i.png", 230, 240, 250);
    }

    private void write(String name, int r, int g, int b) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        String ext = name.substring(name.lastIndexOf('.') + 1);
        assertThat(ImageIO.write(img, ext.equals("tif") ? "tiff" : ext, p.toFile())).as("writer for " + ext).isTrue();
    }

    /** A binary PGM (one value) or PPM (three values), solid, with a comment in the header. */
    private static void writePnm(Path p, String magic, int maxval, int... value) throws IOException {
        Files.createDirectories(p.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((magic + "\n# written by the test\n" + W + " " + H + "\n" + maxval + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < W * H; i++) {
            for (int v : value) {
                if (maxval > 255) {
                    out.write(v >> 8);
                }
                out.write(v & 0xFF);
            }
        }
        Files.write(p, out.toByteArray());
    }

    private DirectoryIterator flow(FlowOptions options) {
        return new ImageDataGenerator().flowFromDirectory(root, options.shuffle(false));
    }

    @Test
    void releasedBatchesAreRefilledAndEqualFreshOnes() {
        DirectoryIterator it = flow(FlowOptions.targetSize(H, W).batchSize(4));
        DirectoryIterator fresh = flow(FlowOptions.targetSize(H, W).batchSize(4));
        it.onEpochBegin(0);
        fresh.onEpochBegin(0);
        dev.lamina.core.BatchSource.Batch first = it.batch(0);
        org.nd4j.linalg.api.ndarray.INDArray firstImages = first.x();
        it.release(first);
        dev.lamina.core.BatchSource.Batch second = it.batch(1);
        assertThat(second.x()).isSameAs(firstImages);
        assertThat(second.x()).isEqualTo(fresh.batch(1).x());
        // Not released: a new array.
        assertThat(it.batch(0).x()).isNotSameAs(second.x()).isEqualTo(fresh.batch(0).x());
        // The short last batch (9 images, batches of 4) does not take a full batch's array.
        it.release(it.batch(0));
        assertThat(it.batch(2).x().shape()[0]).isEqualTo(1);
    }

    @Test
    void printsWhatItFoundAsKerasDoes() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            flow(FlowOptions.targetSize(H, W).batchSize(4));
        } finally {
            System.setOut(stdout);
        }
        assertThat(buf.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("Found 9 images belonging to 3 classes." + System.lineSeparator());
    }

    @Test
    void listsClassesFilesAndLabelsInKerasOrder() {
        DirectoryIterator it = flow(FlowOptions.targetSize(H, W).batchSize(4));
        assertThat(it.classIndices()).containsExactly(Map.entry("cat", 0), Map.entry("dog", 1), Map.entry("emu", 2));
        assertThat(it.samples()).isEqualTo(9);
        assertThat(it.numClasses()).isEqualTo(3);
        assertThat(it.filenames()).containsExactly("cat/a.png", "cat/b.jpg", "cat/c.bmp", "dog/d.gif", "dog/e.tif",
                "dog/f.ppm", "emu/g.pgm", "emu/h.png", "emu/sub/i.png");
        assertThat(it.classes()).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThat(it.numBatches()).isEqualTo(3);
        assertThat(it.numSamples()).isEqualTo(9);
    }

    @Test
    void readsEveryFormatAsFloat32ChannelsLast() {
        Batch b = flow(FlowOptions.targetSize(H, W).batchSize(9).classMode("sparse")).batch(0);
        assertThat(b.x().shape()).containsExactly(9, H, W, 3);
        assertThat(b.x().dataType()).isEqualTo(DataType.FLOAT);
        int[][] colours = {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}, {100, 110, 120}, {130, 140, 150}, {160, 170, 180},
            {190, 190, 190}, {200, 210, 220}, {230, 240, 250}};
        for (int i = 0; i < 9; i++) {
            // JPEG is lossy: a solid colour comes back within a level or two.
            float tolerance = i == 1 ? 3 : 0;
            for (int k = 0; k < 3; k++) {
                assertThat(b.x().getFloat(i, H - 1, W - 1, k)).as("image %d channel %d", i, k)
                        .isCloseTo(colours[i][k], within(tolerance));
            }
        }
        assertThat(ImageArrays.floats(b.y())).containsExactly(0f, 0f, 0f, 1f, 1f, 1f, 2f, 2f, 2f);
        assertThat(b.y().dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void resizesToTheTargetSizeAndConvertsColourModes() {
        DirectoryIterator rgb = flow(FlowOptions.targetSize(3, 4).batchSize(2));
        assertThat(rgb.batch(0).x().shape()).containsExactly(2, 3, 4, 3);
        assertThat(rgb.imageShape()).containsExactly(3, 4, 3);

        Batch gray = flow(FlowOptions.targetSize(3, 4).batchSize(9).colorMode("grayscale")).batch(0);
        assertThat(gray.x().shape()).containsExactly(9, 3, 4, 1);
        // Pillow's luma: (19595 R + 38470 G + 7471 B + 32768) >> 16 = 18 for (10, 20, 30).
        assertThat(gray.x().getFloat(0, 1, 1, 0)).isEqualTo(18f);
        assertThat(gray.x().getFloat(6, 1, 1, 0)).isEqualTo(190f);

        Batch rgba = flow(FlowOptions.targetSize(3, 4).batchSize(1).colorMode("rgba")).batch(0);
        assertThat(rgba.x().shape()).containsExactly(1, 3, 4, 4);
        assertThat(rgba.x().getFloat(0, 2, 3, 3)).isEqualTo(255f);
    }

    @Test
    void nearestResizePicksPillowsSourcePixels() throws IOException {
        Path dir = root.resolve("gradient/one");
        Files.createDirectories(dir);
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, 10 * y + x);
            }
        }
        ImageIO.write(img, "png", dir.resolve("g.png").toFile());
        DirectoryIterator it = new ImageDataGenerator().flowFromDirectory(root.resolve("gradient"),
                FlowOptions.targetSize(2, 2).colorMode("grayscale").classMode(null));
        // Source index floor((x + 0.5) · 4 / 2): 1 and 3.
        assertThat(ImageArrays.floats(it.batch(0).x())).containsExactly(11f, 13f, 31f, 33f);
        assertThat(it.batch(0).y()).isNull();
    }

    @Test
    void sixteenBitGrayscaleKeepsItsValues() throws IOException {
        writePnm(root.resolve("deep/one/g.pgm"), "P5", 65535, 1000);
        DirectoryIterator it = new ImageDataGenerator().flowFromDirectory(root.resolve("deep"),
                FlowOptions.targetSize(H, W).colorMode("grayscale"));
        assertThat(it.batch(0).x().getFloat(0, 0, 0, 0)).isEqualTo(1000f);
    }

    @Test
    void classModesGiveKerasLabels() {
        Batch categorical = flow(FlowOptions.targetSize(2, 2).batchSize(9)).batch(0);
        assertThat(categorical.y().shape()).containsExactly(9, 3);
        assertThat(ImageArrays.floats(categorical.y().getRow(4))).containsExactly(0f, 1f, 0f);
        assertThat(ImageArrays.floats(categorical.y().getRow(8))).containsExactly(0f, 0f, 1f);

        DirectoryIterator binary = flow(FlowOptions.targetSize(2, 2).batchSize(6).classMode("binary").classes("cat", "dog"));
        assertThat(ImageArrays.floats(binary.batch(0).y())).containsExactly(0f, 0f, 0f, 1f, 1f, 1f);
        assertThatThrownBy(() -> flow(FlowOptions.targetSize(2, 2).classMode("binary")))
                .hasMessageContaining("exactly 2 classes").hasMessageContaining("Received: 3 classes");

        assertThat(flow(FlowOptions.targetSize(2, 2).classMode("none")).batch(0).y()).isNull();
        Batch input = flow(FlowOptions.targetSize(2, 2).classMode("input")).batch(0);
        assertThat(input.y()).isEqualTo(input.x());
    }

    @Test
    void explicitClassesChooseFoldersAndOrder() {
        DirectoryIterator it = flow(FlowOptions.targetSize(2, 2).classes("emu", "cat"));
        assertThat(it.classIndices()).containsExactly(Map.entry("emu", 0), Map.entry("cat", 1));
        assertThat(it.classes()).containsExactly(0, 0, 0, 1, 1, 1);
        assertThatThrownBy(() -> flow(FlowOptions.targetSize(2, 2).classes("cat", "yak")))
                .hasMessageContaining("yak").hasMessageContaining("does not exist");
    }

    @Test
    void validationIsTheFirstFractionOfEachClassAndNeverOverlapsTraining() {
        ImageDataGenerator g = new ImageDataGenerator().validationSplit(0.34);
        DirectoryIterator val = g.flowFromDirectory(root, FlowOptions.targetSize(2, 2).subset("validation"));
        DirectoryIterator train = g.flowFromDirectory(root, FlowOptions.targetSize(2, 2).subset("training"));
        // int(0.34 · 3) = 1 file per class for validation.
        assertThat(val.filenames()).containsExactly("cat/a.png", "dog/d.gif", "emu/g.pgm");
        assertThat(val.classes()).containsExactly(0, 1, 2);
        assertThat(train.samples()).isEqualTo(6);
        Set<String> all = new HashSet<>(val.filenames());
        for (String f : train.filenames()) {
            assertThat(all.add(f)).as(f).isTrue();
        }
        assertThat(all).hasSize(9);
        assertThatThrownBy(() -> new ImageDataGenerator().flowFromDirectory(root, FlowOptions.defaults().subset("training")))
                .hasMessageContaining("validation_split=0");
    }

    @Test
    void augmentedBatchesArePureFunctionsOfSeedEpochAndIndex() {
        ImageDataGenerator g = new ImageDataGenerator().rotationRange(30).horizontalFlip(true).zoomRange(0.3);
        FlowOptions o = FlowOptions.targetSize(H, W).batchSize(4).seed(9);
        DirectoryIterator a = g.flowFromDirectory(root, o);
        DirectoryIterator b = g.flowFromDirectory(root, o);
        a.onEpochBegin(0);
        a.batch(0);
        a.onEpochBegin(2);
        b.onEpochBegin(2);
        INDArray x = a.batch(1).x();
        assertThat(x).isEqualTo(b.batch(1).x());
        DirectoryIterator c = g.flowFromDirectory(root, FlowOptions.targetSize(H, W).batchSize(4).seed(10));
        c.onEpochBegin(2);
        assertThat(c.batch(1).x()).isNotEqualTo(x);
    }

    @Test
    void anEmptyClassFolderIsNamed() throws IOException {
        Files.createDirectories(root.resolve("cat/../owl"));
        assertThatThrownBy(() -> flow(FlowOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(root.resolve("owl").toString()).hasMessageContaining("contains no images");
    }

    @Test
    void aFolderWithoutClassFoldersIsRefused() throws IOException {
        Path flat = root.resolve("flat");
        Files.createDirectories(flat);
        Files.copy(root.resolve("cat/a.png"), flat.resolve("a.png"));
        assertThatThrownBy(() -> new ImageDataGenerator().flowFromDirectory(flat))
                .hasMessageContaining("Found no class sub-folders in " + flat);
        assertThatThrownBy(() -> new ImageDataGenerator().flowFromDirectory(root.resolve("missing")))
                .hasMessageContaining("is not a folder");
    }

    @Test
    void anUnreadableImageIsNamedWhenItsBatchIsRead() throws IOException {
        Files.write(root.resolve("cat/broken.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        DirectoryIterator it = flow(FlowOptions.targetSize(2, 2).batchSize(2));
        assertThat(it.filenames()).contains("cat/broken.png");
        // cat/a.png and cat/b.jpg come first: batch 0 is fine, batch 1 starts with the broken file.
        assertThat(it.batch(0).size()).isEqualTo(2);
        assertThatThrownBy(() -> it.batch(1)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(root.resolve("cat/broken.png").toString());
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> FlowOptions.targetSize(0, 5)).hasMessageContaining("Received: target_size=(0, 5)");
        assertThatThrownBy(() -> FlowOptions.defaults().colorMode("cmyk")).hasMessageContaining("Received: color_mode=cmyk");
        assertThatThrownBy(() -> FlowOptions.defaults().classMode("multi")).hasMessageContaining("Received: class_mode=multi");
        assertThatThrownBy(() -> FlowOptions.defaults().interpolation("area")).hasMessageContaining("Received: interpolation=area");
        assertThatThrownBy(() -> FlowOptions.defaults().subset("test")).hasMessageContaining("Received: subset=test");
        assertThatThrownBy(() -> FlowOptions.defaults().batchSize(0)).hasMessageContaining("Received: batch_size=0");
        FlowOptions d = FlowOptions.defaults();
        assertThat(List.of(d.targetHeight(), d.targetWidth(), d.batchSize())).containsExactly(256, 256, 32);
        assertThat(List.of(d.colorMode(), d.classMode(), d.interpolation())).containsExactly("rgb", "categorical", "nearest");
        assertThat(d.shuffle()).isTrue();
    }
}

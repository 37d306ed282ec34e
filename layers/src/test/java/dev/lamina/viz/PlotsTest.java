package dev.lamina.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Model diagrams: PNGs read back pixel by pixel, SVGs parsed as XML. */
public class PlotsTest {

    /** The arrow colour of {@link ModelPlot}. */
    private static final int ARROW = 0x555555;

    @TempDir
    Path dir;

    static Sequential cnn() {
        Sequential cnn = new Sequential();
        cnn.add(new Conv2D(8, 3).activation("relu").inputShape(12, 12, 1));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Flatten());
        cnn.add(new Dense(10).activation("softmax"));
        return cnn;
    }

    static Model functionalWithNestedModel() {
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor x = new Conv2D(4, 3).apply(in);
        x = new Flatten().apply(x);
        Sequential head = new Sequential(new Dense(6).activation("relu").inputShape(144).name("inner_hidden"),
                new Dense(3).name("inner_out"));
        return new Model(in, head.apply(x));
    }

    @Test
    void sequentialPngHasBoxesArrowsAndReadableText() throws IOException {
        Sequential cnn = cnn();
        Path png = dir.resolve("sub/model.png");
        Plots.model(cnn, png, true);
        BufferedImage img = ImageIO.read(png.toFile());
        // A vertical chain of 4 boxes, drawn at twice the diagram's size.
        assertThat(img.getWidth()).isBetween(300, 1200);
        assertThat(img.getHeight()).isGreaterThan(img.getWidth());
        // White background at the corners, antialiased text and shapes give many colours.
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(distinctColours(img)).isGreaterThan(20);
        // The first box's title sits in the band just below the top margin (24 units = 48 px).
        assertThat(darkPixels(img, 0, 48, img.getWidth(), 48 + 40)).isGreaterThan(200);
        // Down the centre column, one arrow (line + head, exact arrow colour) per edge: 3 for 4 layers.
        assertThat(runs(img, img.getWidth() / 2, ARROW)).isEqualTo(3);
        // The box fill covers a large area.
        assertThat(countColour(img, 0xe8f0fe)).isGreaterThan(img.getWidth() * img.getHeight() / 5);
    }

    @Test
    void shapesMakeBoxesTaller() throws IOException {
        Sequential cnn = cnn();
        Plots.model(cnn, dir.resolve("with.png"), true);
        Plots.model(cnn, dir.resolve("without.png"));
        BufferedImage with = ImageIO.read(dir.resolve("with.png").toFile());
        BufferedImage without = ImageIO.read(dir.resolve("without.png").toFile());
        assertThat(without.getHeight()).isLessThan(with.getHeight());
        assertThat(runs(without, without.getWidth() / 2, ARROW)).isEqualTo(3);
        assertThat(darkPixels(without, 0, 48, without.getWidth(), 48 + 30)).isGreaterThan(100);
    }

    @Test
    void functionalSvgIsWellFormedWithOneRectPerLayer() throws Exception {
        Model model = functionalWithNestedModel();
        Path svg = dir.resolve("functional.svg");
        Plots.model(model, svg, true);
        Document doc = parse(svg);
        // InputLayer, Conv2D, Flatten and the nested Sequential as a single box.
        assertThat(model.layers()).hasSize(4);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(4);
        assertThat(doc.getElementsByTagName("polygon").getLength()).isEqualTo(3);
        String text = doc.getDocumentElement().getTextContent();
        for (Layer l : model.layers()) {
            assertThat(text).contains(l.name() + " (" + l.className() + ")");
        }
        assertThat(text).contains("(InputLayer)", "(Sequential)", "(None, 8, 8, 1)", "(None, 6, 6, 4)",
                "(None, 144)", "(None, 3)", "Input shape", "Output shape");
        // A nested model is one box: its own layers are not drawn.
        assertThat(text).doesNotContain("inner_hidden", "inner_out");
    }

    @Test
    void aResidualBlockDrawsTheMergeWithTwoInboundArrows() throws Exception {
        KerasTensor in = Input.shape(8, 8, 1);
        KerasTensor x = new Conv2D(4, 3).padding("same").name("stem").apply(in);
        KerasTensor y = new Activation("relu").name("branch_relu").apply(
                new BatchNormalization().name("branch_bn").apply(new Conv2D(4, 3).padding("same").name("branch_conv")
                        .apply(x)));
        Model block = new Model(in, new Add().name("merge").apply(x, y));
        Path svg = dir.resolve("residual.svg");
        Plots.model(block, svg, true);
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(6);
        // in→stem, stem→branch_conv, branch_conv→branch_bn, branch_bn→branch_relu, and two into merge.
        assertThat(doc.getElementsByTagName("polygon").getLength()).isEqualTo(6);
        assertThat(doc.getDocumentElement().getTextContent()).contains("merge (Add)",
                "[(None, 8, 8, 4), (None, 8, 8, 4)]");
        Path png = dir.resolve("residual.png");
        Plots.model(block, png, true);
        BufferedImage img = ImageIO.read(png.toFile());
        // The shortcut runs beside the branch: the drawing is wider than one column of boxes.
        assertThat(runs(img, img.getWidth() / 2, ARROW)).isLessThan(6);
    }

    @Test
    void sequentialSvgLeavesTheInputLayerOutAsKeras3() throws Exception {
        Sequential cnn = cnn();
        Path svg = dir.resolve("seq.svg");
        Plots.model(cnn, svg, false);
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(cnn.layers().size());
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).doesNotContain("InputLayer", "Input shape");
        for (Layer l : cnn.layers()) {
            assertThat(text).contains(l.name());
        }
    }

    @Test
    void unbuiltSequentialIsDrawnWithUnknownShapes() throws Exception {
        Sequential model = new Sequential(new Dense(4), new Dense(2));
        Path svg = dir.resolve("unbuilt.svg");
        Plots.model(model, svg, true);
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(2);
        assertThat(doc.getDocumentElement().getTextContent()).contains("?");
    }

    @Test
    void layerNamesAreEscapedInSvg() throws Exception {
        Sequential model = new Sequential(new Dense(2).name("a<b>&\"c\"").inputShape(3));
        Path svg = dir.resolve("escaped.svg");
        Plots.model(model, svg, true);
        assertThat(parse(svg).getDocumentElement().getTextContent()).contains("a<b>&\"c\" (Dense)");
    }

    @Test
    void otherExtensionsAreRefused() {
        assertThatThrownBy(() -> Plots.model(cnn(), dir.resolve("model.jpg"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png or .svg");
        assertThat(Files.exists(dir.resolve("model.jpg"))).isFalse();
    }

    static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    public static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** Pixels whose brightest channel is below 90: text, not fills or light lines. */
    public static int darkPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < Math.min(y1, img.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, img.getWidth()); x++) {
                int rgb = img.getRGB(x, y);
                int max = Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
                if (max < 90) {
                    n++;
                }
            }
        }
        return n;
    }

    static int countColour(BufferedImage img, int colour) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == colour) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The number of separate vertical runs of one colour in a column. */
    static int runs(BufferedImage img, int x, int colour) {
        int n = 0;
        boolean in = false;
        for (int y = 0; y < img.getHeight(); y++) {
            boolean hit = (img.getRGB(x, y) & 0xffffff) == colour;
            if (hit && !in) {
                n++;
            }
            in = hit;
        }
        return n;
    }
}

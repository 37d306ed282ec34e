package dev.lamina.viz;

import dev.lamina.layers.InputLayer;
import dev.lamina.models.Model;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a model's graph, Keras' {@code plot_model} without Graphviz: one rounded box per layer with
 * "name (ClassName)" and optionally its input and output shapes, arrows from producer to consumer.
 */
final class ModelPlot {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font HEADER = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font VALUE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final double PAD_X = 14;
    private static final double PAD_Y = 9;
    private static final double COL_GAP = 22;
    private static final double MARGIN = 24;
    private static final double H_GAP = 28;
    private static final double V_GAP = 34;
    private static final double ARROW_LEN = 9;
    private static final double ARROW_HALF = 4.5;
    /** Pixels per unit in PNG output: about Keras' 200 dpi, so text stays sharp when zoomed. */
    private static final double PNG_SCALE = 2;

    private static final Color TEXT = new Color(0x1a1a1a);
    private static final Color MUTED = new Color(0x666666);
    private static final Color RULE = new Color(0xb0b8c4);
    private static final Color ARROW = new Color(0x555555);

    private final ModelGraph graph;
    private final boolean showShapes;
    private final double boxW;
    private final double boxH;
    private final double colW;
    private final GraphLayout layout;

    private ModelPlot(ModelGraph graph, boolean showShapes) {
        this.graph = graph;
        this.showShapes = showShapes;
        // Text is measured on a scratch image with the same hints as the PNG, so boxes fit their text.
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        PngCanvas.hints(measure);
        double title = 0;
        double col = Math.max(width(measure, "Input shape", HEADER), width(measure, "Output shape", HEADER));
        for (ModelGraph.Node n : graph.nodes) {
            title = Math.max(title, width(measure, n.title(), TITLE));
            col = Math.max(col, width(measure, n.inputShape(), VALUE));
            col = Math.max(col, width(measure, n.outputShape(), VALUE));
        }
        colW = col;
        double content = showShapes ? Math.max(title, 2 * col + COL_GAP) : title;
        boxW = Math.ceil(content + 2 * PAD_X);
        boxH = Math.ceil(2 * PAD_Y + lineH(TITLE) + (showShapes ? 12 + lineH(HEADER) + 2 + lineH(VALUE) : 0));
        measure.dispose();
        layout = new GraphLayout(graph.nodes.size(), graph.edges, boxW, boxH, MARGIN, H_GAP, V_GAP);
    }

    /** Writes the diagram as PNG or SVG, chosen by the file extension. */
    static void write(Model model, Path path, boolean showShapes) throws IOException {
        ModelPlot plot = new ModelPlot(ModelGraph.of(model), showShapes);
        String ext = Plots.extension(path);
        if (ext.equals("png")) {
            PngCanvas canvas = new PngCanvas(plot.layout.width, plot.layout.height, PNG_SCALE);
            plot.paint(canvas);
            Plots.writePng(canvas.finish(), path);
        } else if (ext.equals("svg")) {
            SvgCanvas canvas = new SvgCanvas(plot.layout.width, plot.layout.height);
            plot.paint(canvas);
            Plots.createParent(path);
            Files.writeString(path, canvas.finish(), StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("Plots.model writes .png or .svg files. Received: " + path);
        }
    }

    private void paint(Canvas c) {
        for (double[] route : layout.routes) {
            arrow(c, route);
        }
        List<ModelGraph.Node> nodes = graph.nodes;
        for (int i = 0; i < nodes.size(); i++) {
            box(c, nodes.get(i), layout.x[i], layout.y[i]);
        }
    }

    private void box(Canvas c, ModelGraph.Node n, double x, double y) {
        Color[] colors = colors(n);
        c.box(x, y, boxW, boxH, 6, colors[0], colors[1]);
        double cx = x + boxW / 2;
        double base = y + PAD_Y + ascent(TITLE);
        c.text(n.title(), cx, base, TITLE, TEXT);
        if (!showShapes) {
            return;
        }
        double rule = y + PAD_Y + lineH(TITLE) + 6;
        c.polyline(new double[] {x, rule, x + boxW, rule}, colors[1], 0.8);
        c.polyline(new double[] {cx, rule, cx, y + boxH}, RULE, 0.8);
        double left = cx - (colW + COL_GAP) / 2;
        double right = cx + (colW + COL_GAP) / 2;
        double head = rule + 6 + ascent(HEADER);
        c.text("Input shape", left, head, HEADER, MUTED);
        c.text("Output shape", right, head, HEADER, MUTED);
        double value = rule + 6 + lineH(HEADER) + 2 + ascent(VALUE);
        c.text(n.inputShape(), left, value, VALUE, TEXT);
        c.text(n.outputShape(), right, value, VALUE, TEXT);
    }

    /** Fill and outline: inputs green, nested models orange, other layers blue, so kinds stand out. */
    private static Color[] colors(ModelGraph.Node n) {
        if (n.layer() instanceof InputLayer) {
            return new Color[] {new Color(0xe6f4ea), new Color(0x4c8c5c)};
        }
        if (n.layer() instanceof Model) {
            return new Color[] {new Color(0xfff3e0), new Color(0xb7791f)};
        }
        return new Color[] {new Color(0xe8f0fe), new Color(0x4a6fa5)};
    }

    /** The route's last segment is shortened by the arrowhead, which is drawn at the tip. */
    private static void arrow(Canvas c, double[] route) {
        int n = route.length;
        double tx = route[n - 2];
        double ty = route[n - 1];
        double dx = tx - route[n - 4];
        double dy = ty - route[n - 3];
        double len = Math.max(1e-9, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        double[] line = route.clone();
        line[n - 2] = tx - ux * ARROW_LEN;
        line[n - 1] = ty - uy * ARROW_LEN;
        c.polyline(line, ARROW, 1.4);
        double bx = tx - ux * ARROW_LEN;
        double by = ty - uy * ARROW_LEN;
        c.polygon(new double[] {tx, ty, bx - uy * ARROW_HALF, by + ux * ARROW_HALF, bx + uy * ARROW_HALF,
            by - ux * ARROW_HALF}, ARROW);
    }

    private static double width(Graphics2D g, String s, Font f) {
        return g.getFontMetrics(f).getStringBounds(s, g).getWidth();
    }

    private static double ascent(Font f) {
        return f.getSize() * 0.95;
    }

    /** A line's height from the point size, so PNG and SVG (measured nowhere) lay out alike. */
    private static double lineH(Font f) {
        return f.getSize() * 1.25;
    }
}

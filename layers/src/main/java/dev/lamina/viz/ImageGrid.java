package dev.lamina.viz;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grids of small grey images: convolution kernels and feature maps. Each tile is stretched to
 * black .. white on its own (a constant tile is black, as matplotlib's {@code imshow} draws it) and
 * enlarged by whole pixels, never smoothed, so each weight or activation stays a visible square. A
 * thin blue-grey frame sets each tile off from the white background, which its own white pixels
 * would otherwise merge into.
 */
final class ImageGrid {

    /** Tiles aim at about this many pixels a side before the size cap below applies. */
    private static final int FILTER_TILE = 48;
    private static final int MAP_TILE = 96;
    /** Keeps a grid of a wide layer (e.g. 512 × 512 kernels) to an image a viewer can open. */
    private static final int MAX_SIDE = 4096;
    private static final int GAP = 3;
    private static final int STRIP_GAP = 8;
    private static final int MARGIN = 8;
    private static final Color FRAME = new Color(0x8fa3bf);

    private ImageGrid() {
    }

    /** One strip of {@code inC} tiles per filter; strips in a roughly square grid, row by row. */
    static BufferedImage filters(Layer layer) {
        List<INDArray> weights = layer.getWeights();
        if (weights.isEmpty() || weights.get(0).rank() != 4) {
            throw new IllegalArgumentException("Plots.filters needs a built convolution layer whose kernel has shape "
                    + "(kH, kW, inC, filters); layer \"" + layer.name() + "\" (" + layer.className() + ") has "
                    + (weights.isEmpty() ? "no weights (build the model first)"
                            : "a first weight of shape " + Shapes.format(weights.get(0).shape())));
        }
        INDArray kernel = weights.get(0);
        long[] s = kernel.shape();
        int kh = (int) s[0];
        int kw = (int) s[1];
        int inC = (int) s[2];
        int filters = (int) s[3];
        double[] v = flat(kernel);
        int stripCols = Math.max(1, (int) Math.round(Math.sqrt((double) filters / inC)));
        int stripRows = (filters + stripCols - 1) / stripCols;
        // With one input channel there are no strips to tell apart: one even grid.
        Grid g = inC == 1 ? new Grid(kh, kw, FILTER_TILE, stripCols, stripRows, stripCols, GAP)
                : new Grid(kh, kw, FILTER_TILE, stripCols * inC, stripRows, inC, STRIP_GAP);
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < inC; c++) {
                double[][] tile = new double[kh][kw];
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        tile[i][j] = v[((i * kw + j) * inC + c) * filters + f];
                    }
                }
                g.draw(tile, f / stripCols, (f % stripCols) * inC + c);
            }
        }
        return g.image;
    }

    /** The first sample's channels, in a grid about as wide as it is tall. */
    static BufferedImage featureMaps(INDArray activations) {
        INDArray sample;
        if (activations.rank() == 4) {
            if (activations.size(0) == 0) {
                throw new IllegalArgumentException("Plots.featureMaps received no sample: shape "
                        + Shapes.format(activations.shape()));
            }
            sample = activations.slice(0);
        } else if (activations.rank() == 3) {
            sample = activations;
        } else {
            throw new IllegalArgumentException("Plots.featureMaps needs activations of shape (N, H, W, C) or "
                    + "(H, W, C). "
                    + "Received: shape=" + Shapes.format(activations.shape()));
        }
        int h = (int) sample.size(0);
        int w = (int) sample.size(1);
        int channels = (int) sample.size(2);
        double[] v = flat(sample);
        int cols = (int) Math.ceil(Math.sqrt(channels));
        int rows = (channels + cols - 1) / cols;
        Grid g = new Grid(h, w, MAP_TILE, cols, rows, cols, GAP);
        for (int c = 0; c < channels; c++) {
            double[][] tile = new double[h][w];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    tile[i][j] = v[(i * w + j) * channels + c];
                }
            }
            g.draw(tile, c / cols, c % cols);
        }
        return g.image;
    }

    /** Row-major values of a copy, so views and any data type read the same way. */
    private static double[] flat(INDArray a) {
        return Nd4j.toFlattened('c', a.castTo(DataType.DOUBLE)).toDoubleVector();
    }

    /**
     * A white image with tile slots: columns come in groups (strips) of {@code strip} tiles,
     * {@code GAP} apart inside a strip and {@code STRIP_GAP} between strips; rows are {@code rowGap} apart.
     */
    private static final class Grid {

        final BufferedImage image;
        private final int scale;
        private final int tileH;
        private final int tileW;
        private final int strip;
        private final int rowGap;

        Grid(int h, int w, int target, int cols, int rows, int strip, int rowGap) {
            this.strip = strip;
            this.rowGap = rowGap;
            int s = Math.max(1, target / Math.max(h, w));
            while (s > 1 && Math.max(width(cols, w * s), height(rows, h * s)) > MAX_SIDE) {
                s--;
            }
            scale = s;
            tileH = h * s;
            tileW = w * s;
            image = new BufferedImage(width(cols, tileW), height(rows, tileH), BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.dispose();
        }

        private int width(int cols, int size) {
            int strips = (cols + strip - 1) / strip;
            return 2 * MARGIN + cols * size + (cols - strips) * GAP + (strips - 1) * STRIP_GAP;
        }

        private int height(int rows, int size) {
            return 2 * MARGIN + rows * size + (rows - 1) * rowGap;
        }

        void draw(double[][] tile, int row, int col) {
            int x0 = MARGIN + col * tileW + (col - col / strip) * GAP + (col / strip) * STRIP_GAP;
            int y0 = MARGIN + row * (tileH + rowGap);
            var g = image.createGraphics();
            g.setColor(FRAME);
            g.drawRect(x0 - 1, y0 - 1, tileW + 1, tileH + 1);
            g.dispose();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] r : tile) {
                for (double x : r) {
                    if (Double.isFinite(x)) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                }
            }
            for (int i = 0; i < tile.length; i++) {
                for (int j = 0; j < tile[i].length; j++) {
                    int grey = grey(tile[i][j], min, max);
                    int rgb = (grey << 16) | (grey << 8) | grey;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            image.setRGB(x0 + j * scale + dx, y0 + i * scale + dy, rgb);
                        }
                    }
                }
            }
        }

        private static int grey(double x, double min, double max) {
            if (!Double.isFinite(x) || !(max > min)) {
                return 0;
            }
            return (int) Math.round((x - min) / (max - min) * 255);
        }
    }
}

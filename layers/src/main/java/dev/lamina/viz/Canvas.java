package dev.lamina.viz;

import java.awt.Color;
import java.awt.Font;

/**
 * The few drawing operations a model diagram needs, so that one painter serves both the raster
 * (Java2D) and the vector (SVG text) output. Coordinates are in diagram units; text is centred on
 * {@code x}, which keeps an SVG viewer's slightly different font from pushing text off-centre.
 */
interface Canvas {

    /**
     * A rounded rectangle: one layer's box.
     *
     * @param x left
     * @param y top
     * @param w width
     * @param h height
     * @param radius corner radius
     * @param fill the inside
     * @param stroke the outline
     */
    void box(double x, double y, double w, double h, double radius, Color fill, Color stroke);

    /**
     * An open polyline.
     *
     * @param points {@code {x0, y0, x1, y1, ...}}
     * @param color the colour
     * @param width the stroke width
     */
    void polyline(double[] points, Color color, double width);

    /**
     * A filled polygon (an arrowhead).
     *
     * @param points {@code {x0, y0, x1, y1, ...}}
     * @param color the fill
     */
    void polygon(double[] points, Color color);

    /**
     * One line of text centred horizontally.
     *
     * @param text the text
     * @param centerX the horizontal centre
     * @param baseline the baseline's y
     * @param font the font (family, style, size)
     * @param color the colour
     */
    void text(String text, double centerX, double baseline, Font font, Color color);
}

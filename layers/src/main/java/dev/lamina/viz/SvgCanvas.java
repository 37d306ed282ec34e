package dev.lamina.viz;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * A {@link Canvas} that writes SVG text: one {@code <rect>} per box (the background is a
 * {@code <path>}, so rectangles stand for layers only), lines as {@code <polyline>}, arrowheads as
 * {@code <polygon>}, centred {@code <text>}.
 */
final class SvgCanvas implements Canvas {

    /** Java's logical SansSerif is DejaVu Sans on Linux; the fallbacks look alike elsewhere. */
    private static final String FAMILY = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";

    private final StringBuilder sb = new StringBuilder();

    /**
     * @param width the drawing's width in units (SVG pixels)
     * @param height the drawing's height
     */
    SvgCanvas(double width, double height) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(width))
                .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ").append(num(width)).append(' ')
                .append(num(height)).append("\">\n")
                .append("<path d=\"M0 0H").append(num(width)).append('V').append(num(height))
                .append("H0Z\" fill=\"#ffffff\"/>\n");
    }

    @Override
    public void box(double x, double y, double w, double h, double radius, Color fill, Color stroke) {
        sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" rx=\"").append(num(radius)).append("\" fill=\"")
                .append(hex(fill)).append("\" stroke=\"").append(hex(stroke)).append("\" stroke-width=\"1.2\"/>\n");
    }

    @Override
    public void polyline(double[] points, Color color, double width) {
        sb.append("<polyline points=\"").append(points(points)).append("\" fill=\"none\" stroke=\"").append(hex(color))
                .append("\" stroke-width=\"").append(num(width)).append("\" stroke-linejoin=\"round\"/>\n");
    }

    @Override
    public void polygon(double[] points, Color color) {
        sb.append("<polygon points=\"").append(points(points)).append("\" fill=\"").append(hex(color)).append("\"/>\n");
    }

    @Override
    public void text(String text, double centerX, double baseline, Font font, Color color) {
        sb.append("<text x=\"").append(num(centerX)).append("\" y=\"").append(num(baseline))
                .append("\" text-anchor=\"middle\" font-family=\"").append(FAMILY).append("\" font-size=\"")
                .append(font.getSize()).append('"').append(font.isBold() ? " font-weight=\"bold\"" : "")
                .append(" fill=\"").append(hex(color)).append("\">").append(escape(text)).append("</text>\n");
    }

    /** @return the finished document */
    String finish() {
        return sb + "</svg>\n";
    }

    private static String points(double[] p) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < p.length; i += 2) {
            s.append(i == 0 ? "" : " ").append(num(p[i])).append(',').append(num(p[i + 1]));
        }
        return s.toString();
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("\\.?0+$", "");
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Layer names are user text: escape what XML reserves. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

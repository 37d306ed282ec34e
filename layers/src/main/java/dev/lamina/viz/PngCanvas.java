package dev.lamina.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} on a white image, antialiased, scaled up for a sharp result on dense screens. */
final class PngCanvas implements Canvas {

    private final BufferedImage image;
    private final Graphics2D g;

    /**
     * @param width the diagram's width in units
     * @param height the diagram's height in units
     * @param scale pixels per unit
     */
    PngCanvas(double width, double height, double scale) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
    }

    /** Antialiasing and fractional metrics, shared with the text measurer so sizes agree. */
    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    @Override
    public void box(double x, double y, double w, double h, double radius, Color fill, Color stroke) {
        RoundRectangle2D r = new RoundRectangle2D.Double(x, y, w, h, 2 * radius, 2 * radius);
        g.setColor(fill);
        g.fill(r);
        g.setColor(stroke);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(r);
    }

    @Override
    public void polyline(double[] points, Color color, double width) {
        g.setColor(color);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(path(points, false));
    }

    @Override
    public void polygon(double[] points, Color color) {
        g.setColor(color);
        g.fill(path(points, true));
    }

    @Override
    public void text(String text, double centerX, double baseline, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (centerX - fm.getStringBounds(text, g).getWidth() / 2), (float) baseline);
    }

    private static Path2D path(double[] p, boolean close) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(p[0], p[1]);
        for (int i = 2; i < p.length; i += 2) {
            path.lineTo(p[i], p[i + 1]);
        }
        if (close) {
            path.closePath();
        }
        return path;
    }

    /** @return the image, after releasing the graphics context */
    BufferedImage finish() {
        g.dispose();
        return image;
    }
}

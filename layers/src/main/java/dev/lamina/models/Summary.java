package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.Weight;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Keras 3's {@code model.summary()} table, drawn with the same box characters. */
final class Summary {

    private static final int[] WIDTHS = {33, 24, 15};

    private Summary() {
    }

    static String of(Model model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(border('┏', '━', '┳', '┓'));
        sb.append(row('┃', "Layer (type)", "Output Shape", "Param #"));
        sb.append(border('┡', '━', '╇', '┩'));
        List<Map.Entry<Layer, long[]>> rows = model.hasGraph() ? model.layerShapes() : List.of();
        if (!model.hasGraph()) {
            for (Layer l : model.layers()) {
                rows = new java.util.ArrayList<>(rows);
                rows.add(Map.entry(l, new long[0]));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Layer l = rows.get(i).getKey();
            long[] shape = rows.get(i).getValue();
            String params = l.isBuilt() || l.countParams() > 0 ? String.format(Locale.ROOT, "%,d", l.countParams())
                    : "0 (unbuilt)";
            sb.append(row('│', l.name() + " (" + l.className() + ")", shape.length == 0 ? "?" : Shapes.format(shape),
                    params));
            if (i < rows.size() - 1) {
                sb.append(border('├', '─', '┼', '┤'));
            }
        }
        sb.append(border('└', '─', '┴', '┘'));
        long total = 0;
        long trainable = 0;
        long totalBytes = 0;
        long trainableBytes = 0;
        for (Weight w : model.weights()) {
            long n = w.value().length();
            long bytes = n * w.value().dataType().width();
            total += n;
            totalBytes += bytes;
            if (w.isTrainable()) {
                trainable += n;
                trainableBytes += bytes;
            }
        }
        sb.append(" Total params: ").append(count(total, totalBytes)).append('\n');
        sb.append(" Trainable params: ").append(count(trainable, trainableBytes)).append('\n');
        sb.append(" Non-trainable params: ").append(count(total - trainable, totalBytes - trainableBytes)).append('\n');
        return sb.toString();
    }

    private static String count(long n, long bytes) {
        return String.format(Locale.ROOT, "%,d", n) + " (" + readableSize(bytes) + ")";
    }

    /** Keras' {@code readable_memory_size}: powers of 1024, two decimals. */
    static String readableSize(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double size = bytes;
        int u = 0;
        while (size >= 1024 && u < units.length - 1) {
            size /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", size, units[u]);
    }

    private static String border(char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            sb.append(String.valueOf(fill).repeat(WIDTHS[c] + 2)).append(c < WIDTHS.length - 1 ? mid : right);
        }
        return sb.append('\n').toString();
    }

    private static String row(char edge, String layer, String shape, String params) {
        return edge + " " + pad(layer, WIDTHS[0], false) + " " + edge + " " + pad(shape, WIDTHS[1], false) + " " + edge
                + " " + pad(params, WIDTHS[2], true) + " " + edge + "\n";
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() > width) {
            return s.substring(0, width - 1) + "…";
        }
        String space = " ".repeat(width - s.length());
        return right ? space + s : s + space;
    }
}

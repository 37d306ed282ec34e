package dev.lamina.models;

import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.Weight;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keras 3's {@code model.summary()} table, drawn with the same box characters. A functional model
 * that is not a plain chain (branches, merges, shared layers) gets Keras' fourth column,
 * "Connected to", listing each layer's inputs as {@code layer[node][tensor]}, with long cells
 * wrapped over several lines as Keras wraps them.
 */
final class Summary {

    private static final int[] WIDTHS = {33, 24, 15};
    private static final int[] CONNECTED_WIDTHS = {21, 19, 12, 19};

    private Summary() {
    }

    static String of(Model model) {
        if (!(model instanceof Sequential) && model.hasGraph() && !sequentialLike(model)) {
            return connected(model);
        }
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
        appendTotals(sb, model);
        return sb.toString();
    }

    /**
     * Keras' test for the three-column table: one node per depth, each reading one tensor, and no
     * layer applied twice.
     */
    static boolean sequentialLike(Model model) {
        List<Node> nodes = model.nodes();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<KerasTensor, Integer> readers = new IdentityHashMap<>();
        for (Node n : nodes) {
            if (n.inputs().size() > 1 || !seen.add(n.layer())) {
                return false;
            }
            for (KerasTensor t : n.inputs()) {
                if (readers.merge(t, 1, Integer::sum) > 1) {
                    return false;
                }
            }
        }
        return model.inputs().size() == 1 && model.outputs().size() == 1;
    }

    /** The four-column table of a functional model with branches. */
    private static String connected(Model model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(border(CONNECTED_WIDTHS, '┏', '━', '┳', '┓'));
        sb.append(wrappedRow(CONNECTED_WIDTHS, '┃', "Layer (type)", "Output Shape", "Param #", "Connected to"));
        sb.append(border(CONNECTED_WIDTHS, '┡', '━', '╇', '┩'));
        // A tensor's producer as Keras names it: the layer and the index of its application.
        Map<KerasTensor, String> producers = new IdentityHashMap<>();
        Map<Layer, Integer> applications = new IdentityHashMap<>();
        for (KerasTensor in : model.inputs()) {
            producers.put(in, in.layer().name() + "[0][0]");
        }
        Map<Layer, List<KerasTensor>> inputsOf = new IdentityHashMap<>();
        for (Node n : model.nodes()) {
            int index = applications.merge(n.layer(), 1, Integer::sum) - 1;
            producers.putIfAbsent(n.output(), n.layer().name() + "[" + index + "][0]");
            inputsOf.computeIfAbsent(n.layer(), k -> new ArrayList<>()).addAll(n.inputs());
        }
        List<Map.Entry<Layer, long[]>> rows = model.layerShapes();
        for (int i = 0; i < rows.size(); i++) {
            Layer l = rows.get(i).getKey();
            List<KerasTensor> ins = inputsOf.getOrDefault(l, List.of());
            String connections = ins.isEmpty() ? "-" : String.join(", ",
                    ins.stream().map(t -> producers.getOrDefault(t, t.layer().name() + "[0][0]")).toList());
            String params = String.format(Locale.ROOT, "%,d", l.countParams());
            sb.append(wrappedRow(CONNECTED_WIDTHS, '│', l.name() + " (" + l.className() + ")",
                    Shapes.format(rows.get(i).getValue()), params, connections));
            if (i < rows.size() - 1) {
                sb.append(border(CONNECTED_WIDTHS, '├', '─', '┼', '┤'));
            }
        }
        sb.append(border(CONNECTED_WIDTHS, '└', '─', '┴', '┘'));
        appendTotals(sb, model);
        return sb.toString();
    }

    /** A row whose cells wrap at spaces onto more lines; a word longer than its cell ends in an ellipsis. */
    private static String wrappedRow(int[] widths, char edge, String... cells) {
        List<List<String>> lines = new ArrayList<>();
        int height = 0;
        for (int c = 0; c < cells.length; c++) {
            List<String> wrapped = wrap(cells[c], widths[c]);
            lines.add(wrapped);
            height = Math.max(height, wrapped.size());
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            sb.append(edge);
            for (int c = 0; c < cells.length; c++) {
                String text = r < lines.get(c).size() ? lines.get(c).get(r) : "";
                // Keras right-aligns the parameter count, the third column.
                sb.append(' ').append(pad(text, widths[c], c == 2)).append(' ').append(edge);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.length() > width) {
                word = word.substring(0, width - 1) + "…";
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        out.add(line.toString());
        return out;
    }

    private static void appendTotals(StringBuilder sb, Model model) {
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
        return border(WIDTHS, left, fill, mid, right);
    }

    private static String border(int[] widths, char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < widths.length; c++) {
            sb.append(String.valueOf(fill).repeat(widths[c] + 2)).append(c < widths.length - 1 ? mid : right);
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

package dev.lamina.callbacks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The classic notebook figure of a training run, drawn with XChart: the loss, then each other
 * metric, one chart each side by side, with a training and (when recorded) a validation curve.
 */
final class HistoryPlot {

    private static final int CHART_W = 640;
    private static final int CHART_H = 480;
    /** matplotlib's first two colours, which readers of Keras notebooks associate with train/val. */
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VAL = new Color(0xff7f0e);
    private static final int MAX_MARKED = 30;

    static {
        // XChart draws through AWT, which must not look for a display on servers and in CI; an
        // explicit choice by the application wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private HistoryPlot() {
    }

    static void write(History history, Path path) throws IOException {
        if (!path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            // PNG bytes under another extension would mislead every viewer, so refuse early.
            throw new IllegalArgumentException("History.plot writes PNG files (.png). Received: " + path);
        }
        Map<String, List<Double>> h = history.history();
        if (h.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("The history holds no epoch, so there is nothing to plot");
        }
        List<XYChart> charts = new ArrayList<>();
        for (String metric : metrics(h)) {
            charts.add(chart(metric, h.get(metric), h.get("val_" + metric), history.epoch()));
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Base metric names, loss first; a {@code val_x} without {@code x} still gets its chart. */
    private static List<String> metrics(Map<String, List<Double>> h) {
        Set<String> names = new LinkedHashSet<>();
        if (h.containsKey("loss") || h.containsKey("val_loss")) {
            names.add("loss");
        }
        for (String k : h.keySet()) {
            names.add(k.startsWith("val_") ? k.substring(4) : k);
        }
        return new ArrayList<>(names);
    }

    private static XYChart chart(String metric, List<Double> train, List<Double> val, List<Integer> epochs) {
        String label = metric.replace('_', ' ');
        XYChart chart = new XYChartBuilder().width(CHART_W).height(CHART_H)
                .title("Training" + (val != null ? " and validation " : " ") + label)
                .xAxisTitle("Epoch").yAxisTitle(axisTitle(label)).build();
        style(chart);
        boolean rising = false;
        if (train != null && !train.isEmpty()) {
            add(chart, "training", train, epochs, TRAIN);
            rising = train.get(train.size() - 1) > train.get(0);
        }
        if (val != null && !val.isEmpty()) {
            add(chart, "validation", val, epochs, VAL);
        }
        // The legend goes where the curves are not: top right for falling curves, bottom right for rising.
        chart.getStyler().setLegendPosition(rising ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static void add(XYChart chart, String name, List<Double> values, List<Integer> epochs, Color color) {
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            // History.epoch() is 0-based as in Keras; the axis counts like the progress bar, from 1.
            x[i] = (epochs.size() == x.length ? epochs.get(i) : i) + 1;
            double v = values.get(i) == null ? Double.NaN : values.get(i);
            // An infinite loss (a diverged run) would stretch the axis to nothing; leave a gap instead.
            y[i] = Double.isFinite(v) ? v : Double.NaN;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        // Dots help read a short run; on a long one they merge into a thick smudge.
        s.setMarker(values.size() <= MAX_MARKED ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
    }

    /** "Loss", "Accuracy", but "MSE" and "AUC": short metric names are acronyms. */
    private static String axisTitle(String label) {
        return label.length() <= 3 ? label.toUpperCase(Locale.ROOT)
                : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static void style(XYChart chart) {
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0x444444));
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setLegendBorderColor(new Color(0xcccccc));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setMarkerSize(6);
        st.setAntiAlias(true);
        st.setChartPadding(12);
        // Epochs are whole numbers: label only integral ticks, so 5 epochs never show "2.5".
        st.setxAxisTickLabelsFormattingFunction(v -> v == Math.rint(v) ? Long.toString(Math.round(v)) : "");
    }
}

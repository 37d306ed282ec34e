package dev.lamina.callbacks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The progress output of {@code fit}, as Keras 3 prints it: {@code Epoch 3/5}, then a bar with
 * steps, time and running metrics, ending
 * {@code 938/938 ━━━━━━━━━━━━━━━━━━━━ 12s 13ms/step - accuracy: 0.9871 - loss: 0.0412 - val_accuracy: … - val_loss: …}.
 * Verbose 2 prints one line per epoch; 0 nothing.
 */
public final class ProgbarLogger extends Callback {

    private static final int BAR_WIDTH = 20;
    private static final String DONE = "━";
    private static final long REDRAW_NANOS = 50_000_000L;
    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);
    /** The bar with 0 to {@link #BAR_WIDTH} cells done, made once rather than at every redraw. */
    private static final String[] BARS = new String[BAR_WIDTH + 1];

    static {
        for (int filled = 0; filled <= BAR_WIDTH; filled++) {
            BARS[filled] = DONE.repeat(filled) + "\u2500".repeat(BAR_WIDTH - filled);
        }
    }

    private final ProgressPrinter printer;
    private final int verbose;
    private final int epochs;
    private final int steps;
    private long epochStart;
    private long lastDraw;

    /**
     * @param printer where to write
     * @param verbose 0, 1 (live bar) or 2 (one line per epoch)
     * @param epochs the total number of epochs, for {@code Epoch k/n}
     * @param steps the number of steps per epoch
     */
    public ProgbarLogger(ProgressPrinter printer, int verbose, int epochs, int steps) {
        this.printer = printer;
        this.verbose = verbose;
        this.epochs = epochs;
        this.steps = steps;
    }

    /**
     * The progress of {@code evaluate}, as Keras prints it: the bar and the metrics, without an
     * {@code Epoch} line. Drive it with one epoch: begin, a batch end per step, end.
     *
     * @param printer where to write
     * @param steps the number of batches
     * @return the logger
     */
    public static ProgbarLogger forEvaluation(ProgressPrinter printer, int steps) {
        return new ProgbarLogger(printer, 1, 0, steps);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        // No epoch line for evaluate (zero epochs).
        if (verbose > 0 && epochs > 0) {
            printer.line("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        long now = System.nanoTime();
        if (verbose == 1 && batch + 1 < steps && now - lastDraw > REDRAW_NANOS && printer.showsUpdates()) {
            lastDraw = now;
            double perStep = (now - epochStart) / 1e9 / (batch + 1);
            long eta = Math.round(perStep * (steps - batch - 1));
            printer.update(bar(batch + 1) + " " + eta + "s " + stepTime(perStep) + metrics(logs));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        double perStep = seconds / Math.max(1, steps);
        if (verbose == 1) {
            printer.line(bar(steps) + " " + Math.round(seconds) + "s " + stepTime(perStep) + metrics(logs));
        } else if (verbose == 2) {
            printer.line(steps + "/" + steps + " - " + Math.round(seconds) + "s - " + stepTime(perStep) + metrics(logs));
        }
    }

    private String bar(int done) {
        String count = String.valueOf(steps);
        String current = String.valueOf(done);
        int filled = (int) Math.floor((double) done / steps * BAR_WIDTH);
        return " ".repeat(count.length() - current.length()) + current + "/" + count + " " + BARS[filled];
    }

    private static String stepTime(double seconds) {
        // Concatenation, not String.format: this runs at every live redraw.
        if (seconds >= 1) {
            return Math.round(seconds) + "s/step";
        }
        if (seconds >= 1e-3) {
            return Math.round(seconds * 1e3) + "ms/step";
        }
        return Math.round(seconds * 1e6) + "us/step";
    }

    /** Keras 3 lists metrics alphabetically, training ones before validation ones. */
    private static String metrics(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        Map<String, Double> train = new TreeMap<>();
        Map<String, Double> val = new TreeMap<>();
        logs.forEach((k, v) -> (k.startsWith("val_") ? val : train).put(k, v));
        for (Map<String, Double> m : java.util.List.of(train, val)) {
            m.forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(format(v)));
        }
        return sb.toString();
    }

    /** {@code %.4f}, or {@code %.4e} for magnitudes below 1e-3, as Keras' progress bar prints. */
    static String format(double v) {
        if (v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        if (Double.isFinite(v) && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO_BITS) {
            // What %.4f prints (half-up on the value's shortest decimal digits), for a tenth of the
            // Java garbage of a Formatter, which every live redraw made per metric.
            return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).toPlainString();
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
